"""Scenario 2: every WIT type kind through exports, a host record and a host resource."""

import math

from wit_world import exports
from wit_world.exports.api import (
    Color,
    Perms,
    Point,
    Scalars,
    ShapeCircle,
    ShapeEmpty,
    ShapeRect,
)
from wit_world.imports import host
from wit_world.types import Err


class Counter(exports.api.Counter):
    live = 0

    def __init__(self, start):
        self.count = start
        Counter.live += 1

    def add(self, n):
        self.count += n
        return self.count

    def value(self):
        return self.count

    @staticmethod
    def merge(a, b):
        return Counter(a.count + b.count)

    def __del__(self):
        Counter.live -= 1


class Api(exports.Api):
    def negate(self, v):
        assert type(v) is bool, v
        return not v

    def ints(self, a, b, c, d, e, f, g, h):
        return (a, b, c, d, e, f, g, h)

    def floats(self, a, b):
        return (a * 2, b / 3)

    def next_char(self, c):
        return chr(ord(c) + 1)

    def shout(self, s):
        return s.upper() + "!"

    def reverse_bytes(self, b):
        assert type(b) is bytes, type(b)
        return b[::-1]

    def sum(self, values):
        return sum(values)

    def words(self, s):
        return s.split()

    def bump(self, v):
        assert isinstance(v, Scalars), v
        return Scalars(
            flag=not v.flag,
            tiny=v.tiny + 1,
            byte=v.byte + 1,
            short=v.short + 1,
            ushort=v.ushort + 1,
            int=v.int + 1,
            uint=v.uint + 1,
            long=v.long + 1,
            ulong=v.ulong + 1,
            single=v.single * 2,
            double=v.double / 2,
            letter=chr(ord(v.letter) + 1),
            text=v.text + "!",
        )

    def swap(self, t):
        text, number = t
        return (number, text)

    def area(self, s):
        if isinstance(s, ShapeCircle):
            return math.pi * s.value * s.value
        if isinstance(s, ShapeRect):
            return float(s.value.x * s.value.y)
        assert isinstance(s, ShapeEmpty), s
        return 0.0

    def grow(self, s):
        if isinstance(s, ShapeCircle):
            return ShapeCircle(s.value * 2)
        if isinstance(s, ShapeRect):
            return ShapeRect(Point(s.value.x * 2, s.value.y * 2))
        return ShapeCircle(1.0)

    def next_color(self, c):
        return Color((c.value + 1) % len(Color))

    def toggle(self, p):
        return ~p

    def maybe_double(self, v):
        return None if v is None else v * 2

    def parse(self, s):
        try:
            return int(s)
        except ValueError:
            raise Err(f"not a number: {s!r}")

    def scaled(self, p, factor):
        q = host.scale(p, factor)
        assert isinstance(q, Point), q
        return Point(q.x + 1, q.y)

    def log_lines(self, prefix, messages):
        with host.Logger(prefix) as log:
            for message in messages:
                log.log(message)
            lines = log.lines()
        made = host.make_logger("made")
        made.log("one line")
        description = host.describe_logger(made)
        made.drop()
        return lines + [description]

    def total(self, c):
        assert isinstance(c, Counter), c
        return c.value()

    def live_counters(self):
        return Counter.live

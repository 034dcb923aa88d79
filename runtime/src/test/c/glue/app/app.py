"""TEST FIXTURE: the app of the glue test world."""

import os
import sys
import weakref

import wit_world
from wit_world import Point


class Tally(wit_world.Tally):
    live = 0

    def __init__(self, start):
        self.value = start
        Tally.live += 1
        Tally.latest = weakref.ref(self)

    def total(self):
        return self.value

    def __del__(self):
        Tally.live -= 1


class WitWorld(wit_world.WitWorld):
    def greet(self, name):
        wit_world.log(f"greet called with {name}")
        return f"Hello, {name}!"

    def echo(self, p, tags, c, s):
        assert isinstance(p, Point) and isinstance(tags, list), (p, tags)
        assert c is None or isinstance(c, wit_world.Color), c
        moved = Point(p.x + 1, p.y * 2, p.label.upper())
        return (moved, list(reversed(tags)) + ["end"], c, s)

    def fetch_twice(self, key):
        data = wit_world.fetch(key)
        assert isinstance(data, bytes), data
        return data * 2

    def flip(self, f, n, c):
        assert isinstance(f, wit_world.Perms), f
        return (~f, n + 1, chr(ord(c) + 1))

    def fail(self):
        raise ValueError("boom from the app")

    def describe(self):
        return (
            f"{sys.argv}|{os.environ.get('COMPONENTIZE_PYTHONPATH')}"
            f"|{sys.stdout.encoding}|{sys.flags.utf8_mode}"
        )

    def use_counter(self, c):
        assert isinstance(c, wit_world.Counter), c
        self.borrowed = c
        with wit_world.Counter(100) as scratch:
            scratch.add(1)
        return c.add(5)

    def borrow_ended(self):
        return self.borrowed._handle is None

    def make_counter(self, start):
        return wit_world.Counter(start)

    def live_tallies(self):
        return Tally.live

    def pass_tally(self, t):
        assert isinstance(t, Tally), t
        return t

    def same_tally(self):
        return Tally.latest()

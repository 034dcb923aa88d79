"""TEST FIXTURE: an app written against the bindings linker-core generates for world.wit."""

import wit_world
from wit_world import exports
from wit_world.exports.api import Mode
from wit_world.imports import host
from wit_world.types import Err


class Tally(exports.api.Tally):
    live = 0

    def __init__(self, start):
        self.value = start
        Tally.live += 1

    def total(self):
        return self.value

    def __del__(self):
        Tally.live -= 1


class Api(exports.Api):
    def greet(self, name, m):
        host.log(f"greet {name} {m.name}")
        text = f"Hello, {name}!"
        return text.upper() if m == Mode.LOUD else text

    def total(self, entries):
        result = 0
        for entry in entries:
            factor = host.lookup(entry.key)
            if factor is None:
                raise Err(f"unknown key {entry.key}")
            result += entry.value * factor
        return result

    def use_counter(self, c):
        assert isinstance(c, host.Counter), c
        self.borrowed = c
        with host.Counter(100) as scratch:
            scratch.add(1)
        return c.add(5)

    def borrow_ended(self):
        return self.borrowed._handle is None

    def live_tallies(self):
        return Tally.live


class WitWorld(wit_world.WitWorld):
    def run(self, args):
        if args != ["a", "b"]:
            raise Err(None)

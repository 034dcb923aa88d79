"""The app of the linked Python component test, written against the generated wit_world."""

import sys

import wit_world
from wit_world import exports
from wit_world.imports import host


class Api(exports.Api):
    def describe(self, it):
        tags = ", ".join(it.tags)
        return f"{it.name}: {it.price_cents / 100:.2f} [{tags}]"

    def cheapest(self, items):
        return min(items, key=lambda item: item.price_cents, default=None)


class WitWorld(wit_world.WitWorld):
    def greet(self, names):
        for name in names:
            print(f"Hello, {name}, from Python {sys.version_info.major}.{sys.version_info.minor}!")
        return host.decorate("+".join(names))

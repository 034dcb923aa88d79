"""TEST FIXTURE: the hello app; its greeting comes from a pure-Python wheel (greeting)."""

import sys

import wit_world
from greeting import salute

# Evaluated at build time only: the answer proves the snapshot holds this module's state.
IMPORTED_WHILE = "stdlib at " + sys.prefix


class WitWorld(wit_world.WitWorld):
    def greet(self, name):
        return f"{salute(name)} ({IMPORTED_WHILE})"

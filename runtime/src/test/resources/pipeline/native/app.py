"""TEST FIXTURE: an app whose export uses a native extension module from a wheel (fastmath)."""

import wit_world
from fastmath import square


class WitWorld(wit_world.WitWorld):
    def greet(self, name):
        return f"{name}: {square(len(name))}"

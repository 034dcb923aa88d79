"""Scenario 4: an uncaught exception traps; the same one raised as Err is a result's err."""

import wit_world
from wit_world.types import Err


def quotient(a, b):
    return a // b


class WitWorld(wit_world.WitWorld):
    def divide(self, a, b):
        return quotient(a, b)

    def checked_divide(self, a, b):
        try:
            return quotient(a, b)
        except ZeroDivisionError as e:
            raise Err(f"{type(e).__name__}: {e}") from e

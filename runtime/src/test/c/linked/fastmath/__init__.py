"""Test package whose native parts are two extension modules reached through dlopen."""

from ._cube import cube
from ._square import hypotenuse, square

__all__ = ["cube", "hypotenuse", "square"]

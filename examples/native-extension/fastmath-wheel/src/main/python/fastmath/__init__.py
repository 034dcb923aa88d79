"""fastmath: statistics whose inner loops are C (the extension module fastmath._native)."""

from ._native import histogram, stats

__all__ = ["histogram", "stats"]

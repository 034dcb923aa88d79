"""Test package whose native part is an extension module reached through dlopen."""

from ._native import count_words

__all__ = ["count_words"]

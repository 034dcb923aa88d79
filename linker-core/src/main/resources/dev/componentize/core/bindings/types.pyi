"""Helpers every binding module uses, as type checkers and IDEs see them (types.py holds the
light run-time forms of the same names)."""
from dataclasses import dataclass
from enum import Enum as Enum, Flag as Flag
from typing import Any as Any, Generic, Protocol as Protocol, TypeVar, Union

T = TypeVar("T")
E = TypeVar("E")


class Record:
    """Base of a record and of a variant case: ``__match_args__`` names the fields in WIT order."""

    __match_args__: tuple[str, ...]


@dataclass
class Ok(Generic[T]):
    """The ``ok`` case of a ``result`` that is not a function's return value."""

    value: T


@dataclass
class Err(Exception, Generic[E]):
    """The ``err`` case of a ``result``.

    A function returning ``result<T, E>`` returns the ``T`` and raises ``Err(e)``; an
    exported function raises ``Err(e)`` to return the error ``e``.
    """

    value: E


@dataclass
class Some(Generic[T]):
    """A present value of an option nested in an option (``option<option<T>>``)."""

    value: T


Result = Union[Ok[T], Err[E]]
"""A ``result<T, E>`` held as a value (in a field, list or parameter)."""

"""TEST FIXTURE: hand-written stand-in for the generated `wit_world` package of the glue test
world (see ../../make_world_blob.py for its WIT)."""

from dataclasses import dataclass
from enum import Enum, Flag
from typing import Any, Generic, Optional, Protocol, TypeVar, Union

import _componentize

T = TypeVar("T")
E = TypeVar("E")


@dataclass
class Some(Generic[T]):
    value: T


@dataclass
class Ok(Generic[T]):
    value: T


@dataclass
class Err(Exception, Generic[E]):
    value: E


@dataclass
class Point:
    x: int
    y: float
    label: str


class Color(Enum):
    RED = 0
    GREEN = 1
    BLUE = 2


@dataclass
class ShapeCircle:
    value: float


@dataclass
class ShapeSquare:
    value: int


@dataclass
class ShapeEmpty:
    pass


Shape = Union[ShapeCircle, ShapeSquare, ShapeEmpty]


class Perms(Flag):
    READ = 1
    WRITE = 2
    EXEC = 4


class Counter:
    """Imported resource, as the generated bindings write it."""

    _handle: Optional[int]

    def __init__(self, start: int) -> None:
        _new = _componentize.call_import(2, start)
        self._handle = _new._handle
        _new._handle = None

    def add(self, n: int) -> int:
        return _componentize.call_import(3, self, n)

    def drop(self) -> None:
        handle = self._handle
        if handle is not None:
            self._handle = None
            _componentize.drop(4, handle)

    def __enter__(self) -> "Counter":
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.drop()


class Tally(Protocol):
    """Exported resource: the app subclasses it under the same name."""

    def __init__(self, start: int) -> None: ...

    def total(self) -> int: ...


_componentize.register(
    [Point, Color, (ShapeCircle, ShapeSquare, ShapeEmpty), Perms, Counter, Tally]
)


def log(msg: str) -> None:
    _componentize.call_import(0, msg)


def fetch(key: str) -> bytes:
    result = _componentize.call_import(1, key)
    if isinstance(result, Err):
        raise result
    return result.value


class WitWorld(Protocol):
    def greet(self, name: str) -> str: ...

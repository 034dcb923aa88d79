"""TEST FIXTURE: hand-written stand-in for the generated `wit_world` package of the glue test
world (see ../../make_world_blob.py for its WIT)."""

from dataclasses import dataclass
from enum import Enum, Flag
from typing import Generic, Protocol, TypeVar, Union

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


_componentize.register([Point, Color, (ShapeCircle, ShapeSquare, ShapeEmpty), Perms])


def log(msg: str) -> None:
    _componentize.call_import(0, msg)


def fetch(key: str) -> bytes:
    result = _componentize.call_import(1, key)
    if isinstance(result, Err):
        raise result
    return result.value


class WitWorld(Protocol):
    def greet(self, name: str) -> str: ...

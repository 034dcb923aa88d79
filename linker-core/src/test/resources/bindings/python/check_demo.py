"""Imports the generated bindings of demo.wit next to the recording _componentize and checks them."""
import sys
import typing

# The bindings import neither dataclasses nor enum nor typing (this script imported typing itself).
for heavy in ("dataclasses", "enum", "inspect", "ast", "dis"):
    sys.modules.pop(heavy, None)
before = set(sys.modules)

import _componentize as glue
import wit_world
from wit_world import exports
from wit_world.exports import api
from wit_world.imports import host, types
from wit_world.types import Err, Ok

loaded = set(sys.modules) - before
assert not loaded & {"dataclasses", "enum", "inspect", "ast", "dis"}, sorted(loaded)

# Records have snake_case (keyword-escaped) fields in WIT order, dataclass-like construction
# (positional or keyword), equality and repr; they are not hashable (as a dataclass with eq).
assert types.Point.__match_args__ == ("x", "y")
assert api.Greeting.__match_args__ == ("text", "times", "in_")
assert types.Point(1, 2) == types.Point(x=1, y=2) and types.Point(1, 2) != types.Point(1, 3)
assert repr(api.Greeting("hi", 2, in_=False)) == "Greeting(text='hi', times=2, in_=False)"
assert types.Point.__hash__ is None
match types.Point(3, 4):
    case types.Point(x, y):
        assert (x, y) == (3, 4)
assert typing.get_type_hints(types.Point) == {"x": int, "y": int}
assert "Horizontal" not in (types.Point.__doc__ or "") and types.Point.__doc__ == "A point in the plane."

# Enums count cases from 0, flags use bit i for flag i.
assert [(c.name, c.value) for c in types.Color] == [("RED", 0), ("GREEN", 1), ("DARK_BLUE", 2)]
assert host.ErrorCode.DENIED.value == 1
assert types.Permissions.EXEC.value == 4
assert (types.Permissions.READ | types.Permissions.WRITE).value == 3
assert types.Color(1) is types.Color.GREEN and types.Color["RED"] is types.Color.RED
assert repr(types.Color.DARK_BLUE) == "<Color.DARK_BLUE: 2>" and len(types.Color) == 3
both = types.Permissions(3)
assert both is types.Permissions.READ | types.Permissions.WRITE
assert types.Permissions.READ in both and types.Permissions.EXEC not in both
assert list(both) == [types.Permissions.READ, types.Permissions.WRITE]
assert (both & types.Permissions.WRITE) is types.Permissions.WRITE
assert ~both is types.Permissions.EXEC and not types.Permissions(0)
try:
    types.Color(3)
    raise AssertionError("Color(3) did not raise")
except ValueError:
    pass

# Variants: a class per case and a union alias; use-aliases are the same objects.
assert types.ShapeCircle(1.5).value == 1.5 and types.ShapeCircle(value=1.5) == types.ShapeCircle(1.5)
assert types.ShapeNone.__match_args__ == () and types.ShapeNone() == types.ShapeNone()
assert typing.get_args(types.Shape) == (types.ShapeCircle, types.ShapeRect, types.ShapeNone)
assert host.Point is types.Point and host.Shape is types.Shape and types.Id is int

# Every hint resolves.
for module in (host, types, api, exports, wit_world):
    for name, value in vars(module).items():
        if callable(value) and getattr(value, "__module__", None) == module.__name__:
            typing.get_type_hints(value)
            for member in vars(value).values() if isinstance(value, type) else ():
                if callable(member):
                    typing.get_type_hints(member)
hints = typing.get_type_hints(host.move)
assert hints == {"p": types.Point, "dx": int, "dy": int, "return": types.Point}, hints
assert typing.get_type_hints(host.File.read)["return"] is bytes
assert typing.get_type_hints(host.stats)["return"] == tuple[int, float, str]
assert typing.get_type_hints(host.lookup)["return"] == typing.Optional[str]

# Imported functions call the glue with their import index.
glue.results[3] = None
assert host.log("hi") is None
assert glue.calls[-1] == (3, ("hi",))
glue.results[8] = True
assert host.check(from_=types.Permissions.READ, import_=5) is True
assert glue.calls[-1] == (8, (types.Permissions.READ, 5))
glue.results[12] = None
wit_world.print("line")
assert glue.calls[-1] == (12, ("line",))

# result<T, E>: the value is returned, the error raised as Err.
glue.results[5] = Ok(b"data")
assert host.fetch("u") == b"data"
glue.results[5] = Err(host.ErrorCode.NOT_FOUND)
try:
    host.fetch("u")
    raise AssertionError("no Err raised")
except Err as e:
    assert e.value is host.ErrorCode.NOT_FOUND
    assert str(e) == "Err(<ErrorCode.NOT_FOUND: 0>)"


# Imported resources wrap a handle; the constructor adopts the glue's object's handle.
def lifted(handle):
    obj = host.File.__new__(host.File)
    obj._handle = handle
    return obj


glue.results[0] = lambda path: lifted(7)
with host.File("/etc/motd") as f:
    assert f._handle == 7
    glue.results[1] = Ok(b"abc")
    assert f.read(3) == b"abc"
    assert glue.calls[-1] == (1, (f, 3))
assert glue.calls[-1] == ("drop", 13, 7)
assert f._handle is None
f.drop()
assert glue.calls[-1] == ("drop", 13, 7), "a second drop does nothing"
glue.results[2] = lifted(9)
assert host.File.open_default()._handle == 9
assert host.File.__doc__.startswith("A file opened on the host.")
assert host.log.__doc__ == 'Writes a "message" to the log \\ with a backslash.'


# Exported interfaces are Protocol-style base classes the app subclasses.
class Api(exports.Api):
    pass


try:
    Api()
    raise AssertionError("an app class missing methods was instantiated")
except TypeError:
    pass


class Api(exports.Api):
    def greet(self, name):
        return api.Greeting(name, 1, True)

    def area(self, s):
        return 0.0

    def divide(self, a, b):
        raise Err("division by zero")

    def class_(self, p, weight, count):
        return p

    def nested(self, v):
        return None if v is None else str(v.value)


assert Api().greet("x").in_ is True
nested = typing.get_type_hints(exports.Api.nested)
assert nested["v"] == wit_world.types.Some[int | None] | None, nested
assert nested["return"] == typing.Optional[str], nested
assert exports.Api.__name__ == "Api" and wit_world.WitWorld.__name__ == "WitWorld"
assert api.Counter.__name__ == "Counter"
assert "divide" in exports.Api.__abstractmethods__

# Registration: the descriptor's class list, in order.
names = []
for entry in glue.registered:
    if isinstance(entry, tuple):
        names.append("(" + ",".join(c.__module__ + "." + c.__qualname__ for c in entry) + ")")
    else:
        names.append(entry.__module__ + "." + entry.__qualname__)
print("\n".join(names))
print("OK")

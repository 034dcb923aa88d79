"""Checks the bindings of world-level.wit: types, resources and functions of the world itself."""
import typing

import _componentize as glue
import wit_world
from wit_world.types import Some

assert wit_world.Config.__match_args__ == ("verbose", "level")
assert wit_world.Config.__doc__ == "Settings."
assert [(m.name, m.value) for m in wit_world.Mode] == [("FAST", 0), ("SAFE", 1)]
hints = typing.get_type_hints(wit_world.Config)
assert hints["level"] == Some[int | None] | None, hints

glue.results[0] = wit_world.Config(True, Some(None))
assert wit_world.get_config(wit_world.Mode.SAFE).level == Some(None)
assert glue.calls[-1] == (0, (wit_world.Mode.SAFE,))


def lifted(handle):
    obj = wit_world.HandleSet.__new__(wit_world.HandleSet)
    obj._handle = handle
    return obj


glue.results[3] = lambda: lifted(5)
with wit_world.HandleSet() as handles:
    glue.results[4] = 2
    assert handles.size() == 2
    glue.results[5] = None
    handles.drop()
    assert glue.calls[-1] == (5, (handles,)), "WIT method drop keeps its name"
assert glue.calls[-1] == ("drop", 6, 5), "the release helper is drop_handle"
assert "drop_handle()" in wit_world.HandleSet.__doc__

# The world's own `err` variant is class Err; the helper is then used qualified.
assert wit_world.Err is not wit_world.types.Err
glue.results[2] = wit_world.types.Err(wit_world.ErrBad("no"))
try:
    wit_world.try_it()
    raise AssertionError("no Err raised")
except wit_world.types.Err as e:
    assert e.value == wit_world.ErrBad("no")
glue.results[2] = wit_world.types.Ok(7)
assert wit_world.try_it() == 7
assert glue.registered == [
    wit_world.HandleSet,
    wit_world.Config,
    wit_world.Mode,
    (wit_world.ErrBad, wit_world.ErrWorse),
]
assert "run" in wit_world.WitWorld.__abstractmethods__
print("OK")

"""TEST FIXTURE: a trivial app for any world: a subclass of each exported interface's base class
whose methods do nothing (never called: the test only builds and validates the component)."""

import importlib

try:
    _exports = importlib.import_module("wit_world.exports")
except ImportError:  # a world that exports nothing has no exports package
    _exports = None


def _nothing(self, *args):
    return None


for _name in dir(_exports) if _exports is not None else []:
    _base = getattr(_exports, _name)
    if isinstance(_base, type) and _base.__module__ == _exports.__name__:
        _methods = {m: _nothing for m in getattr(_base, "__abstractmethods__", ())}
        globals()[_name] = type(_name, (_base,), _methods)

"""The Python side of world `hello` (src/main/wit/world.wit).

The bindings package `wit_world` is generated from the world at build time. Each export becomes
a class to subclass here under the same name: `Run` for the interface wasi:cli/run, `WitWorld`
for the functions the world exports itself. This module is imported while the component is
built (its state is part of the component), and the methods run when the host calls them.
"""

import sys

import wit_world
from wit_world import exports


class WitWorld(wit_world.WitWorld):
    def greet(self, name: str) -> str:
        return f"Hello, {name}, from Python {sys.version_info.major}.{sys.version_info.minor}!"


class Run(exports.Run):
    def run(self) -> None:
        # Arguments and environment are the host's, read when run() is called.
        names = sys.argv[1:] or ["world"]
        for name in names:
            print(WitWorld().greet(name))

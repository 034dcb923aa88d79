"""hello-cli: a WASI command written in Python.

The component exports wasi:cli/run; the generated bindings (package wit_world) give it the
base class exports.Run, which this module subclasses under the same name. The host calls
run() once; arguments and environment come from the host at that moment, not from the build.
"""

import os
import sys

from wit_world import exports

USAGE = "usage: hello-cli [--shout] NAME..."


class Run(exports.Run):
    def run(self) -> None:
        args = sys.argv[1:]
        shout = "--shout" in args
        names = [a for a in args if a != "--shout"]
        if not names:
            print(USAGE, file=sys.stderr)
            # The status reaches the host through wasi:cli/exit (the world imports it with
            # wasi:cli/command): `jco run` and `wasmtime run` exit with 2.
            sys.exit(2)
        greeting = os.environ.get("GREETING", "Hello")
        for name in names:
            line = f"{greeting}, {name}!"
            print(line.upper() if shout else line)
        print(f"(Python {sys.version_info.major}.{sys.version_info.minor} on {sys.platform})")

"""hello-cli: a WASI command written in Python.

The component exports wasi:cli/run; the generated bindings (package wit_world) give it the
base class exports.Run, which this module subclasses under the same name. The host calls
run() once; arguments and environment come from the host at that moment, not from the build.
"""

import os
import sys

from wit_world import exports

USAGE = "usage: hello-cli [--shout] NAME..."


def exit_with(status: int) -> None:
    """Ends the program with an exit status.

    os._exit goes straight to WASI's proc_exit, which the host turns into the process status
    (WASI 0.2 knows success and failure: every non-zero status reaches the host as 1).
    sys.exit would raise SystemExit out of run(), which the component reports as a crash, and
    os._exit skips Python's shutdown, so the buffered output is flushed first.
    """
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(status)


class Run(exports.Run):
    def run(self) -> None:
        args = sys.argv[1:]
        shout = "--shout" in args
        names = [a for a in args if a != "--shout"]
        if not names:
            print(USAGE, file=sys.stderr)
            exit_with(2)
        greeting = os.environ.get("GREETING", "Hello")
        for name in names:
            line = f"{greeting}, {name}!"
            print(line.upper() if shout else line)
        print(f"(Python {sys.version_info.major}.{sys.version_info.minor} on {sys.platform})")

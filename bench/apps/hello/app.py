"""Bench app 1: hello CLI (wasi:cli/command): prints a greeting, its arguments and $GREETING."""

import os
import sys

from wit_world import exports


class Run(exports.Run):
    def run(self) -> None:
        print("Hello from Python!")
        print("args:", sys.argv[1:])
        print("GREETING:", os.environ.get("GREETING"))

"""The app of the linked Python command test: wasi:cli/run implemented in Python."""

import os
import sys

from wit_world import exports
from wit_world.types import Err


class Run(exports.Run):
    def run(self):
        print("Hello from a Python command component!")
        print("args:", sys.argv[1:])
        print("GREETING:", os.environ.get("GREETING"))
        if "fail" in sys.argv[1:]:
            raise Err(None)

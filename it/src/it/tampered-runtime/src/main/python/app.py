"""A working app: the build fails on the runtime, not here."""

from wit_world import exports


class Run(exports.Run):
    def run(self):
        print("Hello from a Python component!")

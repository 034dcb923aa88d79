"""A command-line app: wasi:cli/run implemented in Python."""

from wit_world import exports


class Run(exports.Run):
    def run(self):
        print("Hello from a Python component!")

"""Prints a greeting made by greeter_lib, a package resolved from the index with its dependencies."""

from wit_world import exports

import greeter_lib


class Run(exports.Run):
    def run(self):
        print(greeter_lib.greet("maven"))

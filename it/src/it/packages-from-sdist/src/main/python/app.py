"""Prints a greeting made by flitgreet, a package the index has only as a source distribution."""

from wit_world import exports

import flitgreet


class Run(exports.Run):
    def run(self):
        print(flitgreet.greet("sdist"))

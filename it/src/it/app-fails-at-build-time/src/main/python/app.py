"""A command-line app whose configuration lookup fails while it is imported."""

from wit_world import exports

SETTINGS = {"greeting": "hello"}
COLOUR = SETTINGS["colour"]


class Run(exports.Run):
    def run(self):
        print(COLOUR)

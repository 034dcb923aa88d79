"""Raises while it is imported, at build time: the build must say where and show how far it got."""

from wit_world import exports

SETTINGS = {"greeting": "hello"}
GREETING = SETTINGS["farewell"]


class Run(exports.Run):
    def run(self):
        print(GREETING)

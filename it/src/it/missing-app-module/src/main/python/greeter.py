"""The app's code is here, but the goal looks for the module `app` (the default appModule)."""

from wit_world import exports


class Run(exports.Run):
    def run(self):
        print("Hello from a Python component!")

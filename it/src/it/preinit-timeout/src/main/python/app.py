"""Never finishes importing: without a time limit the build would hang at 100% CPU."""

from wit_world import exports

ticks = 0
while True:
    ticks += 1


class Run(exports.Run):
    def run(self):
        print(ticks)

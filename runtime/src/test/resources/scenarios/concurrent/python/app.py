"""Issue 19: async def exports awaiting WASI 0.3 async imports concurrently."""

import asyncio
import sys

import wit_world
from wit_world import exports
from wit_world.imports import monotonic_clock
from wit_world.types import Err

MILLISECOND = 1_000_000  # wasi:clocks duration is in nanoseconds


class WitWorld(wit_world.WitWorld):
    async def sleep_twice(self, ms):
        start = monotonic_clock.now()
        await asyncio.gather(
            monotonic_clock.wait_for(ms * MILLISECOND),
            monotonic_clock.wait_for(ms * MILLISECOND),
        )
        elapsed = (monotonic_clock.now() - start) // MILLISECOND
        overlapped = "concurrently" if elapsed < 2 * ms else "one after the other"
        return f"slept {ms} ms twice {overlapped}"

    async def checked_sleep(self, ms):
        if ms > 10_000:
            raise Err(f"{ms} ms is too long")
        await monotonic_clock.wait_for(ms * MILLISECOND)
        return ms

    def add(self, a, b):
        return a + b

    async def broken(self, ms):
        await monotonic_clock.wait_for(ms * MILLISECOND)
        raise ValueError(f"broken after {ms} ms")

    async def nap(self):
        await asyncio.sleep(0.01)


class Run(exports.Run):
    async def run(self):
        """wasi:cli/run@0.3.0: three overlapping waits, then the arguments."""
        await asyncio.gather(*(monotonic_clock.wait_for(100 * MILLISECOND) for _ in range(3)))
        print("WASI 0.3 command, arguments:", " ".join(sys.argv[1:]))

"""Async bench app (issue 19): asyncio.gather over WASI 0.3 monotonic-clock wait-for subtasks.

The same source builds with both tools (bench/async-compare.sh): the elapsed times it returns,
measured by the component's own clock, show whether the awaits overlapped.
"""

import asyncio

import wit_world
from wit_world.imports import monotonic_clock

MILLISECOND = 1_000_000  # wasi:clocks durations are in nanoseconds


def elapsed_ms(start):
    return (monotonic_clock.now() - start) // MILLISECOND


class WitWorld(wit_world.WitWorld):
    async def sleep_twice(self, ms):
        start = monotonic_clock.now()
        await asyncio.gather(
            monotonic_clock.wait_for(ms * MILLISECOND),
            monotonic_clock.wait_for(ms * MILLISECOND),
        )
        elapsed = elapsed_ms(start)
        overlapped = "concurrently" if elapsed < 2 * ms else "one after the other"
        return f"slept {ms} ms twice {overlapped}"

    async def two_then_one(self, ms):
        start = monotonic_clock.now()
        first = asyncio.ensure_future(monotonic_clock.wait_for(ms * MILLISECOND))
        second = asyncio.ensure_future(monotonic_clock.wait_for(ms * MILLISECOND))
        await monotonic_clock.wait_for(ms // 3 * MILLISECOND)
        third = monotonic_clock.wait_for(ms * MILLISECOND)
        await asyncio.gather(first, second, third)
        # Overlapped: about ms/3 + ms; one after the other: 3 ms + ms/3.
        overlapped = "overlapped" if elapsed_ms(start) < 2 * ms else "one after the other"
        return f"three waits of {ms} ms, the third {ms // 3} ms later: {overlapped}"

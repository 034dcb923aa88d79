"""Issue 19: async def exports awaiting WASI 0.3 async imports concurrently."""

import asyncio
import sys

import wit_world
from wit_world import exports
from wit_world.imports import monotonic_clock
from wit_world.types import Err

MILLISECOND = 1_000_000  # wasi:clocks duration is in nanoseconds


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

    async def nap(self, ms):
        """asyncio.sleep: a timer on monotonic-clock wait-for; the elapsed time by that clock."""
        start = monotonic_clock.now()
        await asyncio.sleep(ms / 1000)
        return elapsed_ms(start)

    async def timers(self):
        """call_later/call_at fire in time order, a cancelled one never; wait_for times out."""
        loop = asyncio.get_running_loop()
        start = monotonic_clock.now()
        fired = []

        def mark(name):
            fired.append(f"{name}@{elapsed_ms(start)}")

        loop.call_later(0.3, mark, "c")
        loop.call_later(0.1, mark, "a")
        loop.call_at(loop.time() + 0.2, mark, "b")
        loop.call_later(0.15, mark, "cancelled").cancel()
        await asyncio.sleep(0.4)
        try:
            await asyncio.wait_for(monotonic_clock.wait_for(5000 * MILLISECOND), timeout=0.1)
            fired.append("no timeout")
        except TimeoutError:
            fired.append(f"timeout@{elapsed_ms(start)}")
        return " ".join(fired)

    async def two_then_one(self, ms):
        """Two imports at once, a third started ms/3 later: all three overlap."""
        start = monotonic_clock.now()
        first = asyncio.create_task(monotonic_clock.wait_for(ms * MILLISECOND))
        second = asyncio.create_task(monotonic_clock.wait_for(ms * MILLISECOND))
        await monotonic_clock.wait_for(ms // 3 * MILLISECOND)
        third_started = elapsed_ms(start)
        await asyncio.gather(first, second, monotonic_clock.wait_for(ms * MILLISECOND))
        return f"third started at {third_started} ms, all done at {elapsed_ms(start)} ms"

    async def gather_failing(self):
        """One gathered awaitable raises: gather raises it, the other still runs to its end."""
        start = monotonic_clock.now()
        events = []

        async def fails():
            await monotonic_clock.wait_for(100 * MILLISECOND)
            events.append(f"fails@{elapsed_ms(start)}")
            raise ValueError("the first one failed")

        async def slow():
            await monotonic_clock.wait_for(300 * MILLISECOND)
            events.append(f"slow@{elapsed_ms(start)}")
            return "slow done"

        slow_task = asyncio.create_task(slow())
        try:
            await asyncio.gather(fails(), slow_task)
        except ValueError as e:
            events.append(f"caught {e!r}@{elapsed_ms(start)}")
        events.append(await slow_task)
        both = await asyncio.gather(fails(), slow(), return_exceptions=True)
        events.append(repr([type(x).__name__ for x in both]))
        return " ".join(events)

    async def background(self, ms):
        """A task that outlives the export's return: its value goes out first, then the task ends."""

        async def later():
            await asyncio.sleep(ms / 1000)
            print(f"background task done after {ms} ms", flush=True)

        asyncio.create_task(later())
        print("export returns", flush=True)
        return "returned before the background task"

    async def cancel_wait(self, ms):
        """Cancelling a task that awaits an import: the awaiting coroutine sees CancelledError."""
        start = monotonic_clock.now()
        outcome = []

        async def waits():
            try:
                await monotonic_clock.wait_for(ms * MILLISECOND)
                outcome.append("not cancelled")
            except asyncio.CancelledError:
                outcome.append(f"cancelled@{elapsed_ms(start)}")
                raise

        task = asyncio.create_task(waits())
        await asyncio.sleep(0.05)
        task.cancel()
        try:
            await task
        except asyncio.CancelledError:
            pass
        return " ".join(outcome)


class Run(exports.Run):
    async def run(self):
        """wasi:cli/run@0.3.0: three overlapping waits, then the arguments."""
        await asyncio.gather(*(monotonic_clock.wait_for(100 * MILLISECOND) for _ in range(3)))
        print("WASI 0.3 command, arguments:", " ".join(sys.argv[1:]))

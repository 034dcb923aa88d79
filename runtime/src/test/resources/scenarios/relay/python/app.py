"""Issue 19: calls scenarios:streams/shout across a component boundary with streams and futures."""

import asyncio

from componentize_streams import ErrorContext, new_stream
from wit_world import exports
from wit_world.imports import complaints, shout, stdin, stdout


class Run(exports.Run):
    async def run(self):
        """stdin -> shout.upper (another component) -> stdout, then a future, strings and an
        error-context."""
        data, read_done = stdin.read_via_stream()
        upper = await shout.upper(data)
        await stdout.write_via_stream(upper)
        await read_done
        print("doubled:", await (await shout.doubled(21)))
        writer, lines = new_stream()
        counts = await shout.words(lines)

        async def feed():
            async with writer:
                await writer.write(["one two three", "four five"])
                await writer.write(["", "six"])

        asyncio.get_running_loop().create_task(feed())
        print("words per line:", await counts.readall())
        print("ready:", await (await shout.ready()))
        print("ticks:", len(await (await shout.ticks(3)).readall()))
        error = ErrorContext("the disk is on fire")
        print("error-context made here:", error.debug_message())
        print("error-context passed on:", complaints.describe(error))
        theirs = complaints.complain("the fan is loud")
        print("error-context received:", theirs.debug_message())
        theirs.close()

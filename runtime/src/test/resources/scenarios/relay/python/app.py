"""Issue 19: calls scenarios:streams/shout across a component boundary with streams and futures."""

import asyncio

import wit_world
from componentize_streams import ErrorContext, new_stream
from wit_world import exports
from wit_world.imports import shout, stdin, stdout


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
        error = ErrorContext("the disk is on fire")
        print("error-context:", error.debug_message())
        error.close()


class WitWorld(wit_world.WitWorld):
    def round_trip(self, message):
        return ErrorContext(message)

"""Issue 19: stream<u8> in and out, a future and a stream<string>, on WASI 0.3."""

import asyncio

from componentize_streams import new_future, new_stream
from wit_world import exports
from wit_world.imports import stdin, stdout


async def shout(data, writer):
    """Copies `data` to `writer` upper-cased, then closes both ends."""
    async with data, writer:
        async for chunk in data:
            await writer.write(chunk.upper())


class Shout(exports.Shout):
    async def upper(self, data):
        writer, reader = new_stream()
        asyncio.get_running_loop().create_task(shout(data, writer))
        return reader

    async def doubled(self, value):
        writer, reader = new_future()

        async def later():
            await writer.write(value * 2)

        asyncio.get_running_loop().create_task(later())
        return reader

    async def words(self, data):
        writer, reader = new_stream()

        async def count():
            async with data, writer:
                async for lines in data:
                    await writer.write([len(line.split()) for line in lines])

        asyncio.get_running_loop().create_task(count())
        return reader

    async def ready(self):
        writer, reader = new_future()
        asyncio.get_running_loop().create_task(writer.write(None))
        return reader

    async def ticks(self, n):
        writer, reader = new_stream()

        async def tick():
            async with writer:
                await writer.write([None] * n)

        asyncio.get_running_loop().create_task(tick())
        return reader


class Run(exports.Run):
    async def run(self):
        """wasi:cli/run@0.3.0: stdin to stdout, upper-cased, as streams."""
        data, read_done = stdin.read_via_stream()
        writer, out = new_stream()
        written = stdout.write_via_stream(out)
        await shout(data, writer)
        await written
        await read_done

"""Async bench app (issue 19): a WASI 0.3 command that copies stdin to stdout, upper-cased, as
streams. bench/async-compare.sh builds it with componentize-py from componentize-py.py beside this
file: the same program on that tool's stream API (wit_world.byte_stream, read(n), write_all)."""

from componentize_streams import new_stream
from wit_world import exports
from wit_world.imports import stdin, stdout


class Run(exports.Run):
    async def run(self):
        data, read_done = stdin.read_via_stream()
        writer, out = new_stream()
        written = stdout.write_via_stream(out)
        async with data, writer:
            async for chunk in data:
                await writer.write(chunk.upper())
        await written
        await read_done

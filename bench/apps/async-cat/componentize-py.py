"""Async bench app (issue 19), componentize-py's stream API: copies stdin to stdout, upper-cased."""

import wit_world
from wit_world import exports
from wit_world.imports import stdin, stdout


class Run(exports.Run):
    async def run(self):
        data, read_done = stdin.read_via_stream()
        writer, out = wit_world.byte_stream()
        written = stdout.write_via_stream(out)
        with data, writer:
            while chunk := await data.read(65536):
                await writer.write_all(chunk.upper())
        await written.read()
        await read_done.read()

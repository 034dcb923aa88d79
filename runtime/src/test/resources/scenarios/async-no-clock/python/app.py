"""Issue 19: asyncio.sleep in a world without the WASI 0.3 monotonic clock."""

import asyncio

import wit_world


class WitWorld(wit_world.WitWorld):
    async def nap(self):
        await asyncio.sleep(0.01)

"""Bench app 2: list-heavy exports (sum and sort of list<u32>, a list<record>)."""

from typing import List

import wit_world
from wit_world import Point


class WitWorld(wit_world.WitWorld):
    def sum(self, values: List[int]) -> int:
        return sum(values)

    def sort(self, values: List[int]) -> List[int]:
        return sorted(values)

    def nearest(self, points: List[Point], count: int) -> List[Point]:
        return sorted(points, key=lambda p: p.x * p.x + p.y * p.y)[:count]

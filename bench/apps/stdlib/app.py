"""Bench app 3: json, decimal and re, imported when the module is (at build time for both tools)."""

import json
import re
from decimal import ROUND_HALF_EVEN, Decimal

import wit_world

NAME = re.compile(r"^[A-Za-z][A-Za-z0-9 _-]*$")
CENT = Decimal("0.01")


class WitWorld(wit_world.WitWorld):
    def invoice(self, document: str) -> str:
        items = json.loads(document)["items"]
        total = Decimal(0)
        rejected = []
        for item in items:
            if not NAME.match(item["name"]):
                rejected.append(item["name"])
                continue
            total += Decimal(item["price"]) * item["qty"]
        total = total.quantize(CENT, rounding=ROUND_HALF_EVEN)
        return json.dumps({"total": str(total), "count": len(items), "rejected": rejected})

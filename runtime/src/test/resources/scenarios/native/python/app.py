"""Scenario 3: native extension modules from a wheel and the standard library, in a component.

Everything is imported here, at build time; the snapshot holds the modules, so the component
needs neither the wheel's files nor the standard library on the host.
"""

import datetime
import decimal
import hashlib
import json
import re
import sys
import zlib

import fastmath
import wit_world

IMPORTED_AT_BUILD_TIME = sorted(sys.modules)


class WitWorld(wit_world.WitWorld):
    def square(self, x):
        return fastmath.square(x)

    def cube(self, x):
        return fastmath.cube(x)

    def hypotenuse(self, a, b):
        return fastmath.hypotenuse(a, b)

    def json_sum(self, text):
        return sum(json.loads(text))

    def json_object(self, keys, values):
        return json.dumps(dict(zip(keys, values)), sort_keys=True, separators=(",", ":"))

    def find_all(self, pattern, text):
        return re.findall(pattern, text)

    def decimal_sum(self, values):
        return str(sum((decimal.Decimal(v) for v in values), decimal.Decimal(0)))

    def days_between(self, a, b):
        return (datetime.date.fromisoformat(b) - datetime.date.fromisoformat(a)).days

    def weekday(self, date):
        return datetime.date.fromisoformat(date).strftime("%A")

    def digest(self, algorithm, data):
        return hashlib.new(algorithm, data).hexdigest()

    def crc32(self, data):
        return zlib.crc32(data)

    def compress(self, data):
        return zlib.compress(data, 9)

    def provenance(self):
        lines = []
        for name in ("fastmath._square", "fastmath._cube", "json", "_json", "re", "_sre",
                     "decimal", "_decimal", "datetime", "hashlib", "_sha2", "zlib"):
            module = sys.modules.get(name)
            origin = getattr(getattr(module, "__spec__", None), "origin", None)
            lines.append(f"{name}: {origin} (at build time: {name in IMPORTED_AT_BUILD_TIME})")
        return lines

"""custom-world: the Python side of world example:notes/notes.

Exported interfaces are classes: `Store` (base `wit_world.exports.Store`) implements the
interface's functions, one instance serving every call; `Bucket` (base
`wit_world.exports.store.Bucket`, beside the interface's types) implements the resource, one
instance per handle the host holds. WIT records and variant cases arrive as classes with their fields,
`result` errors are raised as `Err(...)`, and the imported `host` interface is a plain module of
functions.
"""

from collections import Counter
import re

from wit_world import exports
from wit_world.exports import store
from wit_world.exports.store import (
    Entry,
    Query,
    QueryAll,
    QueryExact,
    QueryPrefix,
    StoreErrorEmptyKey,
    StoreErrorNotFound,
    StoreErrorValueTooLong,
)
from wit_world.imports import host
from wit_world.imports.host import Level
from wit_world.types import Err

WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


class Store(exports.Store):
    def top_words(self, text: str, limit: int) -> list[tuple[str, int]]:
        counts = Counter(word.lower() for word in WORD.findall(text))
        # most_common keeps first-seen order among equal counts; sort by word as well so the
        # answer does not depend on the text's order.
        ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
        return ranked[:limit]


class Bucket(store.Bucket):
    def __init__(self, name: str, max_value_length: int) -> None:
        self._name = name
        self._limit = max_value_length
        self._entries: dict[str, Entry] = {}
        host.log(Level.DEBUG, f"bucket {name!r} created (values up to {max_value_length} chars)")

    def name(self) -> str:
        return self._name

    def put(self, key: str, value: str) -> str | None:
        if not key:
            raise Err(StoreErrorEmptyKey())
        if len(value) > self._limit:
            host.log(Level.WARN, f"{self._name}: value for {key!r} is {len(value)} chars")
            raise Err(StoreErrorValueTooLong(self._limit))
        previous = self._entries.get(key)
        revision = previous.revision + 1 if previous else 1
        self._entries[key] = Entry(key, value, revision)
        host.log(Level.INFO, f"{self._name}: {key} = {value!r} (revision {revision})")
        return previous.value if previous else None

    def remove(self, key: str) -> Entry:
        if not key:
            raise Err(StoreErrorEmptyKey())
        try:
            return self._entries.pop(key)
        except KeyError:
            raise Err(StoreErrorNotFound(key)) from None

    def find(self, query: Query) -> list[Entry]:
        match query:
            case QueryExact(key):
                found = [self._entries[key]] if key in self._entries else []
            case QueryPrefix(prefix):
                found = [e for k, e in self._entries.items() if k.startswith(prefix)]
            case QueryAll():
                found = list(self._entries.values())
        return sorted(found, key=lambda e: e.key)

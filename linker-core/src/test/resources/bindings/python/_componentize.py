"""Test double of the glue's native module: records what the bindings call, answers from a table."""

calls = []
registered = []
results = {}


def register(classes):
    registered.extend(classes)


def call_import(index, *args):
    calls.append((index, args))
    answer = results.get(index)
    return answer(*args) if callable(answer) else answer


def drop(index, handle):
    calls.append(("drop", index, handle))

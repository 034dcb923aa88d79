#!/usr/bin/env python3
"""Writes the descriptor blob of the glue test world as a C header (docs/design/python-glue.md).

    make_world_blob.py OUT.h

The real blob comes from linker-core's bindings generator; this independent encoder lets the
glue be tested on its own. The world (WIT, for reference):

    record point { x: s32, y: f64, label: string }
    enum color { red, green, blue }
    variant shape { circle(f32), square(u8), empty }
    flags perms { read, write, exec }
    import log: func(msg: string);
    import fetch: func(key: string) -> result<list<u8>, string>;
    export greet: func(name: string) -> string;
    export echo: func(p: point, tags: list<string>, c: option<color>, s: shape)
        -> tuple<point, list<string>, option<color>, shape>;
    export fetch-twice: func(key: string) -> result<list<u8>, string>;
    export flip: func(f: perms, n: u64, c: char) -> tuple<perms, u64, char>;
    export fail: func() -> string;
    export describe: func() -> string;
    resource counter { constructor(start: u32); add: func(n: u32) -> u32; }   // imported
    export resource tally { constructor(start: s32); total: func() -> s32; }
    export use-counter: func(c: borrow<counter>) -> u32;
    export borrow-ended: func() -> bool;
    export make-counter: func(start: u32) -> counter;
    export live-tallies: func() -> u32;
    export pass-tally: func(t: tally) -> tally;
    export same-tally: func() -> tally;

Import indices (docs/design/python-glue.md "Import index space"): 0 log, 1 fetch,
2 [constructor]counter, 3 [method]counter.add, then the intrinsics 4 [resource-drop]counter,
5 [resource-drop]tally, 6 [resource-new]tally, 7 [resource-rep]tally.
"""
import struct
import sys

NONE = 0xFFFFFFFF
KINDS = {"bool": 0, "s8": 1, "u8": 2, "s16": 3, "u16": 4, "s32": 5, "u32": 6, "s64": 7,
         "u64": 8, "f32": 9, "f64": 10, "char": 11, "string": 12, "list": 13, "record": 14,
         "tuple": 15, "variant": 16, "enum": 17, "flags": 18, "option": 19, "result": 20,
         "own": 21, "borrow": 22, "resource": 23}


class Blob:
    def __init__(self):
        self.words = []  # the blob after the 9-word header, as u32 words
        self.strings = {}

    def offset(self):
        return 36 + 4 * len(self.words)

    def string(self, text):
        if text not in self.strings:
            data = text.encode("utf-8")
            self.strings[text] = self.offset()
            padded = data + b"\0" * (-len(data) % 4)
            self.words.append(len(data))
            self.words.extend(struct.unpack(f"<{len(padded) // 4}I", padded))
        return self.strings[text]

    def record(self, words):
        at = self.offset()
        self.words.extend(words)
        return at


def main():
    blob = Blob()
    types = []  # offsets of type records; a type's index is its position

    def ty(kind, *fields):
        types.append(blob.record([KINDS[kind], *fields]))
        return len(types) - 1

    string = ty("string")
    s32 = ty("s32")
    f64 = ty("f64")
    point = ty("record", 0, 3, blob.string("x"), s32, blob.string("y"), f64, blob.string("label"), string)
    strings = ty("list", string)
    color = ty("enum", 1, 3)
    maybe_color = ty("option", color)
    f32 = ty("f32")
    u8 = ty("u8")
    shape = ty("variant", 2, 3, blob.string("circle"), f32, blob.string("square"), u8,
               blob.string("empty"), NONE)
    echoed = ty("tuple", 4, point, strings, maybe_color, shape)
    u8s = ty("list", u8)
    fetched = ty("result", u8s, string)
    perms = ty("flags", 3, 3)
    u64 = ty("u64")
    char = ty("char")
    flipped = ty("tuple", 3, perms, u64, char)
    u32 = ty("u32")
    boolean = ty("bool")
    counter = ty("resource", 4, 0, 4, NONE, NONE, blob.string("counter"))
    own_counter = ty("own", counter)
    borrow_counter = ty("borrow", counter)
    tally = ty("resource", 5, 1, 5, 6, 7, blob.string("tally"))
    own_tally = ty("own", tally)
    borrow_tally = ty("borrow", tally)

    def function(name, callable_path, params, result, flags=0):
        return blob.record([blob.string(name), blob.string(callable_path), len(params), *params,
                            result, flags])

    exports = [
        function("greet", "WitWorld.greet", [string], string),
        function("echo", "WitWorld.echo", [point, strings, maybe_color, shape], echoed),
        function("fetch-twice", "WitWorld.fetch_twice", [string], fetched),
        function("flip", "WitWorld.flip", [perms, u64, char], flipped),
        function("fail", "WitWorld.fail", [], string),
        function("describe", "WitWorld.describe", [], string),
        function("[constructor]tally", "Tally", [s32], own_tally, 4),
        function("[method]tally.total", "Tally.total", [borrow_tally], s32, 1),
        function("use-counter", "WitWorld.use_counter", [borrow_counter], u32),
        function("borrow-ended", "WitWorld.borrow_ended", [], boolean),
        function("make-counter", "WitWorld.make_counter", [u32], own_counter),
        function("live-tallies", "WitWorld.live_tallies", [], u32),
        function("pass-tally", "WitWorld.pass_tally", [own_tally], own_tally),
        function("same-tally", "WitWorld.same_tally", [], own_tally),
    ]
    imports = [
        function("$root.log", "wit_world.log", [string], NONE),
        function("$root.fetch", "wit_world.fetch", [string], fetched),
        function("$root.[constructor]counter", "wit_world.Counter", [u32], own_counter, 4),
        function("$root.[method]counter.add", "wit_world.Counter.add", [borrow_counter, u32], u32, 1),
    ]
    app = blob.string("app")
    types_at = blob.record(types)
    exports_at = blob.record(exports)
    imports_at = blob.record(imports)
    header = [0x574D4F43, 1, len(types), types_at, len(exports), exports_at, len(imports),
              imports_at, app]
    words = header + blob.words
    with open(sys.argv[1], "w") as out:
        out.write("/* Generated by make_world_blob.py: the glue test world's descriptor. */\n")
        out.write("#define WORLD_BLOB_WORDS \\\n")
        for i in range(0, len(words), 8):
            out.write("  " + ", ".join(f"0x{w:08x}u" for w in words[i:i + 8]) + ", \\\n")
        out.write("\n")


if __name__ == "__main__":
    main()

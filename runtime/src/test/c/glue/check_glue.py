#!/usr/bin/env python3
"""Structural check of a built libcomponentize.so (docs/design/python-glue.md).

    check_glue.py LIB_DIR

LIB_DIR holds libcomponentize.so next to the runtime bundle's libraries. Checks:
  - dylink.0 `needed` is exactly libpython3.13.so and libc.so;
  - every symbol the glue imports from `env`/`GOT.mem`/`GOT.func` is exported by one of the
    libraries it needs (transitively), except the two that libworld.so provides, which must be
    weak imports;
  - the glue exports its entry points and nothing else of its own;
  - it carries exactly one componentize.toolchain record.
Prints one line per problem and exits 1 if there is any; prints a summary otherwise.
"""
import os
import sys

LINKER_PROVIDED = {"memory", "__indirect_function_table", "__stack_pointer", "__memory_base",
                   "__table_base"}
WORLD_SYMBOLS = {"componentize_world", "componentize_call_import"}
ENTRY_POINTS = {"componentize_init", "componentize_init_runtime", "componentize_init_app",
                "componentize_call_export", "componentize_post_return",
                "componentize_drop_rep", "cabi_realloc", "componentize_call_export_async",
                "componentize_async_callback"}
# Exported by every wasm-ld shared library for the linker's init module.
LINKER_EXPORTS = {"__wasm_call_ctors", "__wasm_apply_data_relocs"}


def leb(data, pos):
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return result, pos


def name(data, pos):
    length, pos = leb(data, pos)
    return data[pos:pos + length].decode("utf-8"), pos + length


def read_module(path):
    """Imports (module, field, kind), export names, and custom sections (name -> [payload])."""
    data = open(path, "rb").read()
    if data[:8] != b"\0asm\x01\0\0\0":
        raise SystemExit(f"{path}: not a wasm module")
    pos, imports, exports, custom = 8, [], [], {}
    while pos < len(data):
        section_id = data[pos]
        size, pos = leb(data, pos + 1)
        end = pos + size
        if section_id == 0:
            section_name, body = name(data, pos)
            custom.setdefault(section_name, []).append(data[body:end])
        elif section_id == 2:
            count, p = leb(data, pos)
            for _ in range(count):
                module, p = name(data, p)
                field, p = name(data, p)
                kind = data[p]
                p += 1
                if kind == 0:
                    _, p = leb(data, p)
                elif kind == 1:
                    p += 1
                    flags, p = leb(data, p + 0)
                    _, p = leb(data, p)
                    if flags & 1:
                        _, p = leb(data, p)
                elif kind == 2:
                    flags, p = leb(data, p)
                    _, p = leb(data, p)
                    if flags & 1:
                        _, p = leb(data, p)
                elif kind == 3:
                    p += 2
                else:
                    p += 2
                imports.append((module, field, kind))
        elif section_id == 7:
            count, p = leb(data, pos)
            for _ in range(count):
                export, p = name(data, p)
                p += 1
                _, p = leb(data, p)
                exports.append(export)
        pos = end
    return imports, exports, custom


def weak_imports(custom):
    """Fields marked weak (flag 1) in the import-info subsection (id 4) of dylink.0."""
    payload = custom.get("dylink.0", [b""])[0]
    pos, result = 0, set()
    while pos < len(payload):
        kind = payload[pos]
        size, pos = leb(payload, pos + 1)
        if kind == 4:
            count, p = leb(payload, pos)
            for _ in range(count):
                _, p = name(payload, p)
                field, p = name(payload, p)
                flags, p = leb(payload, p)
                if flags & 1:
                    result.add(field)
        pos += size
    return result


def needed(custom):
    """The `needed` subsection (id 2) of dylink.0 (tool-conventions DynamicLinking.md)."""
    payload = custom.get("dylink.0", [b""])[0]
    pos, result = 0, []
    while pos < len(payload):
        kind = payload[pos]
        size, pos = leb(payload, pos + 1)
        if kind == 2:
            count, p = leb(payload, pos)
            for _ in range(count):
                entry, p = name(payload, p)
                result.append(entry)
        pos += size
    return result


def main():
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    lib_dir = sys.argv[1]
    problems = []
    glue_imports, glue_exports, glue_custom = read_module(os.path.join(lib_dir, "libcomponentize.so"))
    glue_needed = needed(glue_custom)
    if sorted(glue_needed) != ["libc.so", "libpython3.13.so"]:
        problems.append(f"needed is {glue_needed}, want libpython3.13.so and libc.so")

    # Everything the needed libraries export, following their own needed lists.
    available, seen, queue = set(), set(), list(glue_needed)
    while queue:
        library = queue.pop()
        if library in seen:
            continue
        seen.add(library)
        path = os.path.join(lib_dir, library)
        if not os.path.exists(path):
            problems.append(f"needed library {library} is not in {lib_dir}")
            continue
        _, exports, custom = read_module(path)
        available.update(exports)
        queue.extend(needed(custom))

    world_seen = set()
    for module, field, kind in glue_imports:
        if module == "env" and field in LINKER_PROVIDED:
            continue
        if module in ("env", "GOT.mem", "GOT.func") and field in WORLD_SYMBOLS:
            world_seen.add(field)
            continue
        if module not in ("env", "GOT.mem", "GOT.func"):
            problems.append(f"unexpected import {module}.{field} (only libraries may provide imports)")
        elif field not in available:
            problems.append(f"imports {module}.{field}, which no needed library exports")
    if not WORLD_SYMBOLS <= weak_imports(glue_custom):
        problems.append(f"{sorted(WORLD_SYMBOLS)} must be weak imports (so the glue links without "
                        f"libworld.so); weak: {sorted(weak_imports(glue_custom))}")
    if world_seen != WORLD_SYMBOLS:
        problems.append(f"expected imports of {sorted(WORLD_SYMBOLS)} from libworld.so, saw {sorted(world_seen)}")

    own = set(glue_exports) - LINKER_EXPORTS
    if own != ENTRY_POINTS:
        problems.append(f"exports {sorted(own)}, want exactly {sorted(ENTRY_POINTS)}")

    records = b"".join(glue_custom.get("componentize.toolchain", [])).decode("utf-8")
    if records.count("format=1\n") != 1:
        problems.append(f"componentize.toolchain section holds {records.count('format=')} records, want 1")

    for problem in problems:
        print("PROBLEM:", problem)
    if problems:
        return 1
    print(f"libcomponentize.so: needed {glue_needed}; {len(glue_imports)} imports, all provided "
          f"(libworld.so, weak: {sorted(world_seen)}); exports {sorted(own)}; toolchain record:")
    print("  " + records.strip().replace("\n", "\n  "))
    return 0


if __name__ == "__main__":
    sys.exit(main())

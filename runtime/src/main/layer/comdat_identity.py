"""Writes the complete bundle's <wasi/toolchain-id.h> (runtime/complete-bundle.sh).

    comdat_identity.py CORE_HEADER OUT_HEADER

The core bundle's header (runtime/src/main/sysroot/include/wasi/toolchain-id.h) must be included by
exactly one object per library, since wasm-ld concatenates custom sections of one name. The
complete bundle's compiler driver (sdk/bin/wasm32-wasi-clang) includes it into every object it
compiles, so here the same section is put into the COMDAT group `componentize.toolchain`: wasm-ld
keeps one member of a COMDAT group per link, and the library gets exactly one copy of the record
however many objects carry it. The record itself is unchanged. The core header is transformed
rather than copied so that the record's text has one source.
"""

import sys

DIRECTIVE = '.section .custom_section.componentize.toolchain,\\"\\",@\\n'
COMDAT = '.section .custom_section.componentize.toolchain,\\"G\\",@,componentize.toolchain,comdat\\n'
RULE = """ * Include it from exactly ONE object per library: wasm-ld concatenates custom sections of the
 * same name, so a second copy would duplicate the record.
"""
COMDAT_RULE = """ * Any number of objects of one library may include it: the section is in the COMDAT group
 * `componentize.toolchain`, and wasm-ld keeps one member of a COMDAT group per link, so the linked
 * library carries exactly one record. The SDK's compiler driver (sdk/bin/wasm32-wasi-clang)
 * includes it into every file it compiles. (runtime/src/main/layer/comdat_identity.py made this
 * header from the core bundle's, which has no COMDAT.)
"""


def main(argv):
    if len(argv) != 2:
        raise SystemExit(__doc__)
    with open(argv[0], encoding="utf-8") as f:
        text = f.read()
    for old in (DIRECTIVE, RULE):
        if text.count(old) != 1:
            raise SystemExit(f"comdat_identity: {argv[0]} does not contain exactly one {old!r}")
    text = text.replace(DIRECTIVE, COMDAT).replace(RULE, COMDAT_RULE)
    with open(argv[1], "w", encoding="utf-8") as f:
        f.write(text)


if __name__ == "__main__":
    main(sys.argv[1:])

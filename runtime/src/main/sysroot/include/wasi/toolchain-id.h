/*
 * <wasi/toolchain-id.h>: emits the `componentize.toolchain` custom section of the library that
 * includes it, built at compile time from <wasi/version.h> (format: docs/design/toolchain-identity.md).
 *
 * Include it from exactly ONE object per library: wasm-ld concatenates custom sections of the
 * same name, so a second copy would duplicate the record.
 *
 * Why assembly: clang 19 places a C variable with __attribute__((section(".custom_section.X")))
 * in an ordinary data segment, not in a custom section. LLVM's wasm assembler, however, gives a
 * section named ".custom_section.<name>" the metadata kind, which the object writer emits as the
 * custom section <name>, and wasm-ld carries it into the linked module (also with --strip-debug).
 * No symbol is defined, so libraries never clash. The macro values must not contain '"' or '\'.
 */
#ifndef __wasi_toolchain_id_h
#define __wasi_toolchain_id_h

#include <wasi/version.h>

__asm__(".section .custom_section.componentize.toolchain,\"\",@\n"
        ".ascii \"format=1\\n\"\n"
        ".ascii \"toolchain=" __wasi_toolchain_name__ " " __wasi_toolchain_version__ "\\n\"\n"
        ".ascii \"wasi-libc=" __wasi_libc_revision__ "\\n\"\n"
        ".ascii \"sysroot-clang=" __wasi_toolchain_clang__ "\\n\"\n"
        ".ascii \"compiler=" __clang_version__ "\\n\"\n"
        ".ascii \"target=wasm32-wasi\\n\"\n"
        ".text\n");

#endif

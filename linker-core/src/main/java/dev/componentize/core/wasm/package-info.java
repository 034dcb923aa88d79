/**
 * The WebAssembly core binary format (spec chapter 5), read and written exactly.
 *
 * <p>{@link dev.componentize.core.wasm.WasmReader} decodes every section into immutable records
 * ({@link dev.componentize.core.wasm.TypeSection}, {@link
 * dev.componentize.core.wasm.ImportSection}, ..., {@link dev.componentize.core.wasm.CustomSection})
 * held in order by a {@link dev.componentize.core.wasm.WasmModule}. Reading goes through {@link
 * dev.componentize.core.wasm.ByteReader}, whose every read is bounded by the current section (or
 * subsection, or function body), and malformed input raises {@link
 * dev.componentize.core.wasm.WasmFormatException} with file, section and absolute offset.
 *
 * <p>Round trips are exact by two means: sections read from an input keep their original bytes and
 * are written back verbatim while unchanged (so encodings with padded LEB128s, as in LLVM object
 * files, survive), and the encoder writes the shortest LEB128s, which is what wasm-ld, wat2wasm and
 * Rust's wasm-encoder produce, so re-encoding a toolchain's output from the model alone also
 * reproduces it byte for byte. Function bodies are kept as raw instruction bytes: the linker never
 * rewrites existing code.
 *
 * <p>New modules (the linker's glue) are assembled with {@link
 * dev.componentize.core.wasm.ModuleBuilder} and {@link dev.componentize.core.wasm.CodeBuilder}.
 */
package dev.componentize.core.wasm;

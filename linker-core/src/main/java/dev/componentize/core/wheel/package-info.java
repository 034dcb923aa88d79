/**
 * Reads, checks and safely unpacks Python wheels (the binary distribution format, PEP 427, with the
 * tags of PEP 425) for a CPython runtime compiled to wasm32-wasi.
 *
 * <p>{@link dev.componentize.core.wheel.WheelFile} is the entry point: it refuses wheels that are
 * corrupt (RECORD hashes and sizes), hostile (path escapes, links, zip bombs) or built for another
 * platform (Emscripten/Pyodide, host operating systems), and returns an {@link
 * dev.componentize.core.wheel.UnpackedWheel} that keeps pure-Python files apart from the native
 * extension modules the linker needs. {@link dev.componentize.core.wheel.WheelConflicts} then
 * checks that the wheels of one component neither install the same file nor repeat a distribution.
 */
package dev.componentize.core.wheel;

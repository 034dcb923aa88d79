/**
 * The toolchain compatibility check that runs before linking: every native library (the runtime's
 * own and the extension modules from wheels) must have been built for the same C ABI as the CPython
 * runtime bundle, or it links without complaint and corrupts memory at run time.
 *
 * <p>{@link dev.componentize.core.abi.ToolchainCheck} compares {@link
 * dev.componentize.core.abi.CandidateLibrary candidate libraries} with a {@link
 * dev.componentize.core.abi.RuntimeIdentity} (read from the bundle's {@code manifest.json}) and
 * returns a {@link dev.componentize.core.abi.CheckReport}; under {@link
 * dev.componentize.core.abi.Policy#STRICT} errors become a {@link
 * dev.componentize.core.abi.ToolchainMismatchException}. Every {@link
 * dev.componentize.core.abi.Finding} says which {@link dev.componentize.core.abi.Evidence} it rests
 * on: our {@code componentize.toolchain} section is strong, a {@code producers} section or a wheel
 * tag is weaker. docs/toolchain-check.md is the user-facing description.
 */
package dev.componentize.core.abi;

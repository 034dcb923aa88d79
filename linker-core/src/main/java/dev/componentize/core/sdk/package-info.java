/**
 * Native builds through the runtime bundle's SDK: {@link dev.componentize.core.sdk.SdkCompiler}
 * runs the bundle's compiler driver to build CPython extension modules that match the runtime
 * (docs/wheels.md).
 */
package dev.componentize.core.sdk;

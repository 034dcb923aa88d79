/**
 * Wheels built from source distributions at build time (PEP 517), by the package's own backend
 * running on the runtime's CPython on Endive: no host Python. See docs/wheels.md "From a source
 * distribution".
 */
package dev.componentize.core.sdist;

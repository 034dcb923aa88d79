/**
 * componentize-maven's pure-Java core: reads and writes WebAssembly, links position-independent
 * libraries, and encodes components. Nothing here depends on Maven.
 */
package dev.componentize.core;

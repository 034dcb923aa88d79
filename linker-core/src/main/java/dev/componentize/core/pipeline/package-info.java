/**
 * What the build's stages ({@code dev.componentize.core.build}) use that is not a library of its
 * own: the build-time run of the glue's initialization on Endive ({@code BuildTimeInit}, with its
 * deterministic WASI host functions), the snapshot and bytecode caches, the site directory the
 * wheels share at build time, the copy of the app's sources and the fixed file times.
 */
package dev.componentize.core.pipeline;

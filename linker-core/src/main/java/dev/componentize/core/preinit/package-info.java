/**
 * Wizer-style pre-initialization: run a linked program once at build time, capture its memory and
 * mutable globals, and bake them into the program's modules so that the work (CPython start-up,
 * importing the app) is not repeated at run time. {@code BuildTimeInit} runs the glue's
 * initialization on Endive with deterministic WASI host functions ({@code DeterministicWasi});
 * {@code GuestPaths} maps the guest's paths in its output back to the user's files.
 */
package dev.componentize.core.preinit;

/**
 * Wizer-style pre-initialization: run a linked program once at build time, capture its memory and
 * mutable globals, and bake them into the program's modules so that the work (CPython start-up,
 * importing the app) is not repeated at run time.
 */
package dev.componentize.core.preinit;

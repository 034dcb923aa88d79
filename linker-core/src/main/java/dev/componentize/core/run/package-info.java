/**
 * Runs a linked program on the JVM (Endive, Chicory's successor): used by tests and by
 * pre-initialization. Each program instance becomes an Endive instance wired exactly as the linker
 * planned; imports left to the host are served by WASI preview1.
 */
package dev.componentize.core.run;

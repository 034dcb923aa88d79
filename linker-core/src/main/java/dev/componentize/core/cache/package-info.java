/**
 * What the build keeps across builds, each entry checked before it is used: the snapshots of
 * pre-initialization ({@code SnapshotCache}), the bytecode of the generated bindings ({@code
 * BytecodeCache}), the unpacked wheels ({@code UnpackedWheels}), and the framed file they are
 * stored in ({@code CacheEntry}).
 */
package dev.componentize.core.cache;

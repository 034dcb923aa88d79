/**
 * The build's progress as a Java user of the core sees it (docs/architecture.md): the {@link
 * dev.componentize.core.build.Stage}s of a build, the {@link
 * dev.componentize.core.build.BuildListener} that hears each start, end or failure as it happens,
 * the {@link dev.componentize.core.build.StageTiming} of each, the {@link
 * dev.componentize.core.build.BuildInputs} whose fingerprint decides whether a build is up to date,
 * and the {@link dev.componentize.core.build.HeapAdvice} for a build that ran out of memory. The
 * stages themselves are in the unexported {@code build.stages}.
 */
package dev.componentize.core.build;

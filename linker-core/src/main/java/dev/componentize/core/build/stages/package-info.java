/**
 * The build as a sequence of stages (docs/architecture.md): each {@link
 * dev.componentize.core.build.stages.BuildStage} takes a typed input, owns its checks, maps the
 * failures of the libraries it calls to a located {@link
 * dev.componentize.core.ComponentizeException}, and describes its output in a summary line; {@link
 * dev.componentize.core.Componentizer} runs them in order over one {@link
 * dev.componentize.core.build.stages.BuildContext} and reports each to a {@link
 * dev.componentize.core.build.BuildListener} as it starts, ends or fails.
 *
 * <p>Not exported: the data that flows between the stages is the core's own model (the WIT resolve,
 * the bindings, the pre-initialization's outcome), which a Java user of the core never sees.
 */
package dev.componentize.core.build.stages;

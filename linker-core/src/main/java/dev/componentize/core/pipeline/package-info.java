/**
 * The parts of {@link dev.componentize.core.Componentizer}'s pipeline that are not a library of
 * their own: the stages and their timings, the site directory the wheels share at build time, and
 * the build-time run of the glue's initialization on Endive.
 */
package dev.componentize.core.pipeline;

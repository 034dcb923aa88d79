package dev.componentize.core;

import dev.componentize.core.abi.CheckReport;
import dev.componentize.core.build.StageTiming;
import dev.componentize.core.link.LinkedProgram;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Componentizer#componentize} produced.
 *
 * @param world the selected world, qualified ({@code ns:pkg/name@version})
 * @param program the linked program rewritten to start pre-initialized: CPython is running and the
 *     app imported, in its memory image; it can be instantiated again without any file system
 * @param libraries the names of the linked libraries, in link order
 * @param toolchainReport what the toolchain check found (warnings under {@code WARN})
 * @param output the component file written, or empty when the configuration asked to stop at the
 *     pre-initialized program ({@link ComponentizeConfig#preInitializeOnly})
 * @param componentSize the component's size in bytes, 0 without output
 * @param timings one entry per stage that ran, in order
 * @param initOutput what the program printed on stdout and stderr while it was initialized
 */
public record ComponentizeResult(
    String world,
    LinkedProgram program,
    List<String> libraries,
    CheckReport toolchainReport,
    Optional<Path> output,
    long componentSize,
    List<StageTiming> timings,
    String initOutput) {
  public ComponentizeResult {
    Objects.requireNonNull(world, "world");
    Objects.requireNonNull(program, "program");
    libraries = List.copyOf(libraries);
    Objects.requireNonNull(toolchainReport, "toolchainReport");
    Objects.requireNonNull(output, "output");
    timings = List.copyOf(timings);
    Objects.requireNonNull(initOutput, "initOutput");
  }
}

package dev.componentize.runtime.component;

import dev.componentize.core.bindings.WorldBindings;
import dev.componentize.core.link.Library;
import dev.componentize.core.link.LinkOptions;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.Linker;
import dev.componentize.core.wit.Resolve;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of a Python component for the linked-component tests, made the way the Componentizer
 * makes them: the {@code wit_world} package and {@code libworld.so} from linker-core's {@link
 * WorldBindings}, and the program linked from the bundle's libraries (with its glue {@code
 * libcomponentize.so}) and libworld.so.
 */
final class PythonParts {
  /** The bundle's libraries and the glue, in the order the linker gets them. */
  private static final List<String> RUNTIME_LIBRARIES =
      List.of(
          "libc.so",
          "libdl.so",
          "libwasi-emulated-getpid.so",
          "libwasi-emulated-process-clocks.so",
          "libwasi-emulated-mman.so",
          "libpython3.13.so",
          "libcomponentize.so");

  final Path bundle;
  final Path generated;
  final LinkedProgram program;

  private PythonParts(Path bundle, Path generated, LinkedProgram program) {
    this.bundle = bundle;
    this.generated = generated;
    this.program = program;
  }

  /**
   * Writes the bindings of {@code world} (app module {@code app}) to {@code work/gen} and links the
   * program.
   */
  static PythonParts make(Path work, Resolve resolve, String world) throws Exception {
    return make(work, resolve, world, List.of());
  }

  /** As above, with {@code extensions} (dl-openable libraries) linked last. */
  static PythonParts make(Path work, Resolve resolve, String world, List<Library> extensions)
      throws Exception {
    Path bundle = ComponentTools.runtimeBundle().toRealPath();
    Path lib = bundle.resolve("lib");

    WorldBindings bindings =
        WorldBindings.generate(resolve, resolve.selectWorld(world), "app", Optional.empty());
    Path generated = work.resolve("gen");
    for (Map.Entry<String, String> file : bindings.pythonFiles().entrySet()) {
      Path path = generated.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }

    List<Library> libraries = new ArrayList<>();
    for (String name : RUNTIME_LIBRARIES) {
      libraries.add(Library.of(name, Files.readAllBytes(lib.resolve(name))));
    }
    libraries.add(Library.of("libworld.so", bindings.library()));
    libraries.addAll(extensions);
    // libc.so refers to `main` (its command start-up code), which a reactor never calls.
    LinkedProgram program =
        new Linker(LinkOptions.defaults().withStubMissingFunctions(true)).link(libraries);
    return new PythonParts(bundle, generated, program);
  }
}

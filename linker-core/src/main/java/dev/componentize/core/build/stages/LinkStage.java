package dev.componentize.core.build.stages;

import dev.componentize.core.ComponentizeException;
import dev.componentize.core.abi.RuntimeBundle;
import dev.componentize.core.bindings.WorldLibraryGenerator;
import dev.componentize.core.build.Stage;
import dev.componentize.core.link.Library;
import dev.componentize.core.link.LinkException;
import dev.componentize.core.link.LinkOptions;
import dev.componentize.core.link.LinkedProgram;
import dev.componentize.core.link.Linker;
import dev.componentize.core.link.ProgramInstance;
import dev.componentize.core.wheel.ExtensionModule;
import dev.componentize.core.wheel.UnpackedWheel;
import dev.componentize.core.workdir.SitePackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Links the runtime's libraries, libworld.so and the wheels' extension modules into one program
 * (docs/design/linker.md); a symbol no library defines fails the build.
 */
public final class LinkStage extends ContextStage<LinkStage.Input, LinkedProgram> {
  /**
   * libc.so's command start-up code refers to {@code main}, which a reactor program never calls;
   * the linker stubs it with a trap. Any other stub is an unresolved symbol and fails the link.
   */
  private static final String STUB_ALLOWED = "libc.so needs main";

  /**
   * @param runtime the runtime bundle, verified
   * @param bindings the generated bindings (libworld.so)
   * @param wheels the unpacked wheels (their extension modules)
   */
  public record Input(
      RuntimeBundle runtime, BindingsStage.Generated bindings, WheelsStage.Unpacked wheels) {}

  public LinkStage(BuildContext context) {
    super(context, Stage.LINK);
  }

  @Override
  public LinkedProgram run(Input input) throws ComponentizeException, IOException {
    List<Library> libraries = new ArrayList<>();
    for (Path file : input.runtime().libraries()) {
      String name = file.getFileName().toString();
      if (!name.equals(WorldLibraryGenerator.NAME)) {
        libraries.add(Library.of(name, Files.readAllBytes(file)));
      }
    }
    libraries.add(Library.of(WorldLibraryGenerator.NAME, input.bindings().bindings().library()));
    for (UnpackedWheel wheel : input.wheels().wheels()) {
      for (ExtensionModule module : wheel.extensionModules()) {
        libraries.add(
            Library.dlOpenable(SitePackages.dlOpenName(module), Files.readAllBytes(module.path())));
      }
    }
    LinkOptions options =
        LinkOptions.defaults()
            .withStackSize(context.config().stackSize())
            .withStubMissingFunctions(true);
    LinkedProgram linked;
    try {
      linked = new Linker(options).link(libraries);
    } catch (LinkException e) {
      throw new ComponentizeException(Stage.LINK, "linking failed: " + e.getMessage(), e);
    }
    List<String> unresolved =
        linked.stubbed().stream().filter(s -> !s.startsWith(STUB_ALLOWED)).toList();
    if (!unresolved.isEmpty()) {
      throw new ComponentizeException(
          Stage.LINK,
          "unresolved symbols (no library defines them):\n  - "
              + String.join("\n  - ", unresolved)
              + "\nlink the library that defines them (add its wheel) or rebuild the library"
              + " without them");
    }
    return linked;
  }

  @Override
  public String summary(LinkedProgram output) {
    return libraries(output).size() + " libraries";
  }

  /** The names of the linked libraries in link order (the synthesized main and init left out). */
  public static List<String> libraries(LinkedProgram program) {
    return program.instances().stream()
        .map(ProgramInstance::name)
        .filter(n -> !n.equals("main") && !n.equals("init"))
        .toList();
  }
}

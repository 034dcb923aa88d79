package dev.componentize.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bindings goal on real WIT files: what an IDE gets in target/generated-sources/python. */
class BindingsMojoTest {
  @TempDir Path dir;

  private BindingsMojo mojo;
  private Path out;

  private void world(String exports) throws Exception {
    Files.createDirectories(dir.resolve("src/main/wit"));
    Files.writeString(
        dir.resolve("src/main/wit/world.wit"),
        "package demo:hello@0.1.0;\n\n"
            + "interface tools {\n  shout: func(text: string) -> string;\n}\n\n"
            + "world hello {\n"
            + exports
            + "  @unstable(feature = shiny)\n  export shiny-thing: func() -> u32;\n}\n");
  }

  @BeforeEach
  void project() throws Exception {
    MavenProject project = new MavenProject();
    project.setFile(dir.resolve("pom.xml").toFile());
    out = dir.resolve("target/generated-sources/python");
    mojo = new BindingsMojo();
    mojo.project = project;
    mojo.witDirectory = dir.resolve("src/main/wit").toFile();
    mojo.appModule = "app";
    mojo.bindingsDirectory = out.toFile();
  }

  @Test
  void writesTheTypedPackageAndRemovesWhatTheWorldNoLongerHas() throws Exception {
    world("  export tools;\n  export hello: func() -> string;\n");
    mojo.execute();
    assertTrue(Files.isRegularFile(out.resolve("wit_world/py.typed")));
    assertTrue(Files.isRegularFile(out.resolve("_componentize.pyi")));
    String init = Files.readString(out.resolve("wit_world/__init__.py"));
    assertTrue(init.contains("def hello(self) -> str"), init);
    assertFalse(init.contains("shiny_thing"), "gated export left out without the feature");
    Path tools = out.resolve("wit_world/exports/tools.py");
    assertTrue(Files.isRegularFile(tools));

    world("  export hello: func() -> string;\n");
    mojo.witFeatures = List.of("shiny");
    mojo.execute();
    assertFalse(Files.exists(tools), "the interface left the world, its module goes");
    assertTrue(Files.readString(out.resolve("wit_world/__init__.py")).contains("shiny_thing"));
  }

  @Test
  void anUnknownWorldFailsWithTheCoreMessage() throws Exception {
    world("  export hello: func() -> string;\n");
    mojo.world = "nope";
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    assertEquals(
        dir.resolve("src/main/wit")
            + ": world 'nope' not found in package demo:hello@0.1.0 (worlds there: hello)",
        e.getMessage());
    assertFalse(Files.exists(out));
  }

  @Test
  void aBadAppModuleNamesTheElement() throws Exception {
    world("  export hello: func() -> string;\n");
    mojo.appModule = "my-app";
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    assertTrue(e.getMessage().startsWith("<appModule>: app module 'my-app'"), e.getMessage());
  }
}

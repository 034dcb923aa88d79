package dev.componentize.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.sdk.ExtensionSpec;
import dev.componentize.core.sdk.NativeBuildException;
import dev.componentize.core.sdk.SdkCompiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The core's SdkCompiler (what the wheel goal runs) against the real bundle's driver. */
class SdkCompilerTest {
  static final Path SOURCES = Path.of("src/test/c/sdk").toAbsolutePath();

  @TempDir Path work;

  private SdkCompiler compiler() throws Exception {
    return new SdkCompiler(
        RuntimeBundle.dir(),
        Files.createDirectories(work.resolve("obj")),
        SOURCES,
        Duration.ofMinutes(2));
  }

  @Test
  void aModuleOfTwoSourcesLandsAtItsSitePackagesPath() throws Exception {
    SdkCompiler.Built built =
        compiler()
            .build(
                new ExtensionSpec(
                    "pkg.twice",
                    List.of(SOURCES.resolve("twice.c"), SOURCES.resolve("helper.c")),
                    List.of("-DNDEBUG"),
                    List.of()),
                work.resolve("site"));

    assertEquals("pkg/twice.cpython-313-wasm32-wasi.so", built.sitePath());
    assertEquals(work.resolve("site/pkg/twice.cpython-313-wasm32-wasi.so"), built.library());
    assertTrue(Files.isRegularFile(built.library()));
    assertEquals(List.of(), built.diagnostics());
  }

  @Test
  void aSourceThatDoesNotCompileIsNamedWithTheCompilersMessage() throws Exception {
    NativeBuildException e = failure("broken", SOURCES.resolve("broken.c"));

    assertTrue(
        e.getMessage()
            .startsWith(
                SOURCES.resolve("broken.c")
                    + ": does not compile for the runtime (exit status 1):\n"),
        e.getMessage());
    assertTrue(
        e.getMessage().contains("error: use of undeclared identifier 'undeclared_name'"),
        e.getMessage());
    assertFalse(Files.exists(work.resolve("site/broken.cpython-313-wasm32-wasi.so")));
  }

  @Test
  void aMissingSourceIsNamed() throws Exception {
    Path missing = SOURCES.resolve("missing.c");
    NativeBuildException e = failure("m", missing);

    assertEquals(missing + ": no such source file (extension module m)", e.getMessage());
  }

  private NativeBuildException failure(String module, Path source) {
    return assertThrows(
        NativeBuildException.class,
        () ->
            compiler()
                .build(
                    new ExtensionSpec(module, List.of(source), List.of(), List.of()),
                    work.resolve("site")));
  }
}

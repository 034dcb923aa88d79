package dev.componentize.maven;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.ComponentizeException;
import dev.componentize.core.wheel.WheelLimits;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The goal on real inputs and the real runtime bundle (system property {@code
 * componentize.runtime.dir}, the runtime module's {@code target/runtime} in the reactor build), up
 * to the failures a user meets: each must reach the build log as the core or the plugin words it.
 * The successful build is the invoker ITs' job (it/), as it takes minutes of pre-initialization.
 */
class ComponentizeMojoTest {
  @TempDir Path dir;

  private ComponentizeMojo mojo;

  private static Path bundle() {
    String configured = System.getProperty("componentize.runtime.dir");
    Path bundle = configured == null ? null : Path.of(configured);
    if (bundle == null
        || !Files.isRegularFile(bundle.resolve("manifest.json"))
        || !Files.isRegularFile(bundle.resolve("lib/libcomponentize.so"))) {
      throw new IllegalStateException(
          "no complete runtime bundle at componentize.runtime.dir="
              + configured
              + "; build the runtime module first (mvn -pl runtime install) or pass"
              + " -Dcomponentize.runtime.dir=<bundle>");
    }
    return bundle;
  }

  @BeforeEach
  void project() throws Exception {
    Files.createDirectories(dir.resolve("src/main/wit"));
    Files.writeString(
        dir.resolve("src/main/wit/world.wit"),
        "package demo:hello@0.1.0;\n\nworld hello {\n  include wasi:cli/imports@0.2.12;\n"
            + "  export hello: func() -> string;\n}\n");
    Files.createDirectories(dir.resolve("src/main/python"));
    MavenProject project = new MavenProject();
    project.setFile(dir.resolve("pom.xml").toFile());
    mojo = new ComponentizeMojo();
    mojo.project = project;
    mojo.witDirectory = dir.resolve("src/main/wit").toFile();
    mojo.appModule = "app";
    mojo.runtimeDirectory = bundle().toFile();
    mojo.outputDirectory = dir.resolve("target").toFile();
    mojo.finalName = "hello-1.0";
    mojo.attach = false;
    mojo.toolchainCheck = "STRICT";
    mojo.stackSize = 1048576;
    mojo.preinitTimeout = 600;
    mojo.wheelMaxEntries = WheelLimits.DEFAULTS.maxEntries();
    mojo.wheelMaxFileSize = WheelLimits.DEFAULTS.maxEntryBytes();
    mojo.wheelMaxTotalSize = WheelLimits.DEFAULTS.maxTotalBytes();
    mojo.wheelMaxCompressionRatio = WheelLimits.DEFAULTS.maxCompressionRatio();
    mojo.workDirectory = dir.resolve("target/componentize").toFile();
    mojo.pluginVersion = "test";
  }

  private String failure() {
    return assertThrows(MojoFailureException.class, mojo::execute).getMessage();
  }

  @Test
  void anUnknownWorldFailsWithTheCoreMessageUnchanged() {
    mojo.world = "nope";
    MojoFailureException e = assertThrows(MojoFailureException.class, mojo::execute);
    assertTrue(e.getCause() instanceof ComponentizeException);
    assertEquals(
        dir.resolve("src/main/wit")
            + ": world 'nope' not found in package demo:hello@0.1.0 (worlds there: hello)",
        e.getMessage());
    assertFalse(Files.exists(dir.resolve("target/hello-1.0.wasm")));
  }

  @Test
  void aMissingAppModuleNamesTheDirectoriesSearched() throws Exception {
    String message = failure();
    assertTrue(
        message.startsWith("app module 'app' not found: no app.py or app/__init__.py in ["),
        message);
    assertTrue(message.contains(dir.resolve("src/main/python").toString()), message);
    assertFalse(Files.exists(dir.resolve("target/hello-1.0.wasm")));
    assertFalse(Files.exists(dir.resolve("target/componentize/inputs.sha256")));
  }

  @Test
  void configurationErrorsNameThePomElement() {
    mojo.toolchainCheck = "LAX";
    MojoFailureException policy = assertThrows(MojoFailureException.class, mojo::execute);
    assertEquals(
        "<toolchainCheck> (property componentize.toolchainCheck) 'LAX' is not a policy; use"
            + " STRICT, WARN or OFF",
        policy.getMessage());
    // Maven prints every message of the cause chain: no Java enum wording may follow.
    assertNull(policy.getCause().getCause());
    mojo.toolchainCheck = "warn";
    mojo.stackSize = 1000;
    assertEquals(
        "<stackSize>: stack size 1000 must be a multiple of 16 and at least 65536 bytes",
        failure());
    mojo.stackSize = 1048576;
    mojo.preinitTimeout = 0;
    assertEquals(
        "<preinitTimeout>: pre-initialization time limit 0 s is too small; give at least 1 second"
            + " (the default is 600)",
        failure());
    mojo.preinitTimeout = 600;
    mojo.appModule = "my-app";
    assertTrue(failure().startsWith("<appModule>: app module 'my-app'"));
    mojo.appModule = "app";
    File missing = dir.resolve("lib/none.whl").toFile();
    mojo.wheels = List.of(missing);
    assertTrue(failure().startsWith("<wheels> entry " + missing + " does not exist"));
    mojo.wheels = null;
    mojo.pythonSources = List.of(dir.resolve("src/py").toFile());
    assertEquals(
        "<pythonSources> entry "
            + dir.resolve("src/py")
            + " does not exist; list directories that hold the app's Python files",
        failure());
    mojo.pythonSources = null;
    mojo.runtimeDirectory = dir.toFile();
    assertTrue(failure().startsWith("<runtimeDirectory> " + dir + " is not an unpacked runtime"));
  }

  @Test
  void anUnexpectedExceptionIsAnInternalErrorThatAsksToBeReported() {
    // Maven never leaves a required parameter null; a NullPointerException from it stands for any
    // bug of ours: it must not reach the user as a bare Java message.
    mojo.workDirectory = null;
    MojoExecutionException e = assertThrows(MojoExecutionException.class, mojo::execute);
    assertTrue(e.getCause() instanceof NullPointerException, String.valueOf(e.getCause()));
    assertTrue(
        e.getMessage().startsWith("componentize: internal error: java.lang.NullPointerException"),
        e.getMessage());
    assertTrue(e.getMessage().endsWith("; " + Failures.REPORT), e.getMessage());
  }

  @Test
  void skipDoesNothing() throws Exception {
    mojo.skip = true;
    mojo.world = "nope";
    mojo.execute();
    assertFalse(Files.exists(dir.resolve("target")));
  }

  @Test
  void aWheelOverALimitNamesTheParameterThatRaisesIt() throws Exception {
    Path wheel = dir.resolve("lib/big-1.0-py3-none-any.whl");
    Files.createDirectories(wheel.getParent());
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(wheel))) {
      zip.putNextEntry(new ZipEntry("big/__init__.py"));
      zip.write(new byte[4096]);
      zip.closeEntry();
    }
    mojo.wheels = List.of(wheel.toFile());
    mojo.wheelMaxFileSize = 1000;
    assertEquals(
        "big-1.0-py3-none-any.whl: big/__init__.py: is 4096 bytes or more, over the limit of 1000"
            + " bytes per file; if the wheel is genuine, raise the per-file size limit"
            + " (<wheelMaxFileSize> (property componentize.wheelMaxFileSize), now 1000)",
        failure());
    mojo.wheelMaxFileSize = WheelLimits.DEFAULTS.maxEntryBytes();
    mojo.wheelMaxEntries = 0;
    assertEquals(
        "<wheelMaxEntries> (property componentize.wheelMaxEntries) 0 must be at least 1",
        failure());
  }

  @Test
  void theWheelLimitParametersDefaultToTheCoresLimits() throws Exception {
    // The descriptor maven-plugin-plugin generated from the annotations (class retention).
    String descriptor;
    try (var in = ComponentizeMojo.class.getResourceAsStream("/META-INF/maven/plugin.xml")) {
      descriptor = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, Long> defaults = new HashMap<>();
    for (String name :
        List.of(
            "wheelMaxEntries",
            "wheelMaxFileSize",
            "wheelMaxTotalSize",
            "wheelMaxCompressionRatio")) {
      Matcher matcher =
          Pattern.compile(
                  "<"
                      + name
                      + " implementation=\"\\w+\" default-value=\"(\\d+)\">\\$\\{componentize."
                      + name
                      + "\\}</")
              .matcher(descriptor);
      assertTrue(matcher.find(), name + " with property componentize." + name);
      defaults.put(name, Long.parseLong(matcher.group(1)));
    }
    WheelLimits core = WheelLimits.DEFAULTS;
    assertEquals(
        Map.of(
            "wheelMaxEntries",
            (long) core.maxEntries(),
            "wheelMaxFileSize",
            core.maxEntryBytes(),
            "wheelMaxTotalSize",
            core.maxTotalBytes(),
            "wheelMaxCompressionRatio",
            (long) core.maxCompressionRatio()),
        defaults);
  }
}

package dev.componentize.core.component;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shape of our Python components: a wasi-libc reactor ({@code reactor.c}: {@code _initialize},
 * preview1 imports, a canonical-ABI export with post-return) plus jco's preview1 reactor adapter,
 * in a custom world that includes {@code wasi:cli/imports} and exports {@code greet}. The
 * transpiled component runs on jco's WASI host; the guest's printf reaches stdout.
 */
class ReactorAdapterComponentTest {
  @TempDir static Path work;
  private static Path component;

  @BeforeAll
  static void encode() throws Exception {
    Path adapter =
        TestTools.jcoHome()
            .resolve("node_modules/@bytecodealliance/jco/lib/wasi_snapshot_preview1.reactor.wasm");
    assumeTrue(Files.isRegularFile(adapter), "no preview1 reactor adapter at " + adapter);
    component = work.resolve("reactor.wasm");
    byte[] module = ComponentChecks.resource("reactor.wasm");
    Files.write(
        component,
        WorldEncoder.encodeWithAdapter(
            WitWorldsTest.load("reactor.wit"), module, Files.readAllBytes(adapter)));
  }

  @Test
  void wasmToolsValidatesTheAdaptedComponent() throws Exception {
    ComponentChecks.assertValid(component);
  }

  @Test
  void componentWitExportsGreetAndImportsWasi() throws Exception {
    ComponentChecks.assertWitRoundTrip(
        component,
        Path.of("src/test/c/component/reactor.wit"),
        List.of(),
        List.of(
            "import wasi:cli/environment@0.2.12;",
            "import wasi:cli/exit@0.2.12;",
            "import wasi:io/error@0.2.12;",
            "import wasi:io/poll@0.2.12;",
            "import wasi:io/streams@0.2.12;",
            "import wasi:cli/stdin@0.2.12;",
            "import wasi:cli/stdout@0.2.12;",
            "import wasi:cli/stderr@0.2.12;",
            "import wasi:cli/terminal-input@0.2.12;",
            "import wasi:cli/terminal-output@0.2.12;",
            "import wasi:cli/terminal-stdin@0.2.12;",
            "import wasi:cli/terminal-stdout@0.2.12;",
            "import wasi:cli/terminal-stderr@0.2.12;",
            "import wasi:clocks/monotonic-clock@0.2.12;",
            "import wasi:clocks/wall-clock@0.2.12;",
            "import wasi:filesystem/types@0.2.12;",
            "import wasi:filesystem/preopens@0.2.12;",
            "import wasi:sockets/network@0.2.12;",
            "import wasi:sockets/instance-network@0.2.12;",
            "import wasi:sockets/udp@0.2.12;",
            "import wasi:sockets/udp-create-socket@0.2.12;",
            "import wasi:sockets/tcp@0.2.12;",
            "import wasi:sockets/tcp-create-socket@0.2.12;",
            "import wasi:sockets/ip-name-lookup@0.2.12;",
            "import wasi:random/random@0.2.12;",
            "import wasi:random/insecure@0.2.12;",
            "import wasi:random/insecure-seed@0.2.12;",
            "export greet: func(name: string) -> string;"));
  }

  @Test
  void transpiledComponentGreetsAndPrintsThroughTheAdapter() throws Exception {
    TestTools.Result run =
        ComponentChecks.assertJcoScriptPasses(component, "reactor", "reactor-check.mjs", false);
    assertEquals(
        101,
        run.stdout().lines().filter(l -> l.startsWith("greet called with ")).count(),
        run::describe);
  }
}

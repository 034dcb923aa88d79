package dev.componentize.core.abi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.wasm.CodeBuilder;
import dev.componentize.core.wasm.ExternalKind;
import dev.componentize.core.wasm.FuncType;
import dev.componentize.core.wasm.WasmReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedLibcCheckTest {
  static final String REQUIRED =
      "the runtime's libc.so (wasi-libc 9886d3d) must be the only libc in the program: a second"
          + " copy has its own heap, stdio buffers, errno and file descriptor table, so memory"
          + " allocated by one and freed by the other corrupts the heap";
  static final String FIX =
      "relink it with -nostdlib against the runtime bundle's lib/libc.so and lib/libpython3.13.so"
          + " instead of the sysroot's static libc.a, as the SDK's compiler driver"
          + " (<bundle>/sdk/bin/wasm32-wasi-clang -shared) does";

  @TempDir static Path out;

  @Test
  void exportedLibcSymbolsAndDirectWasiImportsAreOneErrorWithBoth() {
    byte[] bytes =
        AbiFixtures.libraryImporting(
            b -> {
              AbiFixtures.importVoid(b, "wasi_snapshot_preview1", "fd_write");
              AbiFixtures.importVoid(b, "wasi_snapshot_preview1", "proc_exit");
              for (String name : List.of("malloc", "free", "printf", "__wasi_fd_write", "own")) {
                int f =
                    b.function(
                        FuncType.of(List.of(), List.of()), new CodeBuilder().end().body(List.of()));
                b.export(name, ExternalKind.FUNC, f);
              }
            });

    List<Finding> findings = check(CandidateLibrary.extension("m/_m.abi3.so", bytes));

    assertEquals(
        List.of(
            "ERROR m/_m.abi3.so: carries its own copy of libc: it defines libc's symbols (malloc,"
                + " free, printf and 1 more) and imports WASI functions directly"
                + " (wasi_snapshot_preview1: fd_write, proc_exit), but "
                + REQUIRED
                + "; "
                + FIX
                + " [evidence: the module's exports]"),
        findings.stream().map(Finding::toString).toList());
  }

  @Test
  void directWasiImportsAloneAreAnErrorOnTheImports() {
    byte[] bytes =
        AbiFixtures.libraryImporting(
            b -> AbiFixtures.importVoid(b, "wasi_snapshot_preview1", "random_get"));

    Finding finding = check(CandidateLibrary.extension("m/_m.abi3.so", bytes)).get(0);

    assertEquals(Severity.ERROR, finding.severity());
    assertEquals(Evidence.IMPORTS, finding.evidence());
    assertEquals(
        "carries its own copy of libc: it imports WASI functions directly"
            + " (wasi_snapshot_preview1: random_get)",
        finding.found());
  }

  @Test
  void aLibraryThatImportsLibcFromEnvHasNoFinding() {
    byte[] bytes = AbiFixtures.libraryImporting(b -> AbiFixtures.importVoid(b, "env", "malloc"));

    assertTrue(check(CandidateLibrary.extension("m/_m.abi3.so", bytes)).isEmpty());
  }

  @Test
  void aLinkWithTheSysrootsStaticLibcIsFoundByTheWholeCheck() throws Exception {
    AbiFixtures.assumeClang();
    Path bundle = RuntimeBundles.assumeBuilt();
    // The mistake the finding is about: -shared without -nostdlib pulls libc.a's members in.
    byte[] library =
        AbiFixtures.libraryWithStaticLibc(
            out, "own-libc.so", bundle.resolve("sdk/sysroot"), "own-libc.c");

    List<Finding> findings =
        new ToolchainCheck(RuntimeIdentity.fromBundle(bundle))
            .inspect(CandidateLibrary.extension("own/_libc.cpython-313-wasm32-wasi.so", library));

    List<String> libc =
        findings.stream()
            .map(Finding::found)
            .filter(f -> f.startsWith("carries its own copy of libc"))
            .toList();
    assertEquals(1, libc.size(), findings.toString());
    assertTrue(libc.get(0).contains("malloc"), libc.get(0));
    assertTrue(libc.get(0).contains("imports WASI functions directly"), libc.get(0));
  }

  private static List<Finding> check(CandidateLibrary library) {
    List<Finding> findings = new ArrayList<>();
    EmbeddedLibcCheck.check(
        library, WasmReader.read(library.label(), library.bytes()), AbiFixtures.RUNTIME, findings);
    return findings;
  }
}

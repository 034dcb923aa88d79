package dev.componentize.core.abi;

import dev.componentize.core.wasm.Export;
import dev.componentize.core.wasm.Import;
import dev.componentize.core.wasm.WasmModule;
import java.util.List;
import java.util.Set;

/**
 * Whether an extension module carries its own copy of libc: one linked against the static {@code
 * libc.a} of a sysroot (a {@code -shared} link without {@code -nostdlib}) exports libc's symbols
 * ({@code malloc}, {@code free}, {@code printf}, {@code __wasi_*} wrappers) and imports WASI
 * functions directly, where a library linked against the runtime's {@code libc.so} imports them all
 * from {@code env}. A second libc in one program has its own heap, stdio buffers, {@code errno} and
 * file descriptor table: memory allocated by one and freed by the other corrupts both heaps.
 */
final class EmbeddedLibcCheck {
  private EmbeddedLibcCheck() {}

  /** Symbols only a libc defines; an extension module that exports one has linked libc in. */
  private static final Set<String> LIBC_SYMBOLS =
      Set.of(
          "malloc",
          "free",
          "calloc",
          "realloc",
          "aligned_alloc",
          "posix_memalign",
          "sbrk",
          "malloc_usable_size",
          "errno",
          "environ",
          "__environ",
          "stdin",
          "stdout",
          "stderr",
          "printf",
          "fprintf",
          "vfprintf",
          "snprintf",
          "fwrite",
          "fputs",
          "puts",
          "fopen",
          "fclose",
          "fflush",
          "getenv",
          "abort",
          "exit",
          "open",
          "close",
          "read",
          "write",
          "lseek",
          "isatty");

  private static final List<String> LIBC_PREFIXES = List.of("__wasi_", "__wasilibc_", "__libc_");

  static void check(
      CandidateLibrary library, WasmModule module, RuntimeIdentity runtime, List<Finding> out) {
    List<String> defined =
        module.exports().stream().map(Export::name).filter(EmbeddedLibcCheck::isLibc).toList();
    List<String> wasiCalls =
        module.imports().stream()
            .filter(i -> i.module().equals(WasiFlavourCheck.PREVIEW1))
            .map(Import::name)
            .toList();
    if (defined.isEmpty() && wasiCalls.isEmpty()) {
      return;
    }
    StringBuilder found = new StringBuilder("carries its own copy of libc: it ");
    if (!defined.isEmpty()) {
      found.append("defines libc's symbols (").append(WasiFlavourCheck.shown(defined)).append(')');
    }
    if (!wasiCalls.isEmpty()) {
      found
          .append(defined.isEmpty() ? "" : " and ")
          .append("imports WASI functions directly (")
          .append(WasiFlavourCheck.PREVIEW1)
          .append(": ")
          .append(WasiFlavourCheck.shown(wasiCalls))
          .append(')');
    }
    out.add(
        Finding.of(
            Severity.ERROR,
            library,
            found.toString(),
            "the runtime's libc.so (wasi-libc "
                + runtime.wasiLibcRevision()
                + ") must be the only libc in the program: a second copy has its own heap, stdio"
                + " buffers, errno and file descriptor table, so memory allocated by one and freed"
                + " by the other corrupts the heap",
            "relink it with -nostdlib against the runtime bundle's lib/libc.so and"
                + " lib/libpython"
                + runtime.pythonMinorVersion()
                + ".so instead of the sysroot's static libc.a, as the SDK's compiler driver"
                + " (<bundle>/sdk/bin/wasm32-wasi-clang -shared) does",
            defined.isEmpty() ? Evidence.IMPORTS : Evidence.EXPORTS));
  }

  private static boolean isLibc(String name) {
    return LIBC_SYMBOLS.contains(name) || LIBC_PREFIXES.stream().anyMatch(name::startsWith);
  }
}

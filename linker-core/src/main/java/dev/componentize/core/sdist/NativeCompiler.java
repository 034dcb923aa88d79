package dev.componentize.core.sdist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Carries out, on the host, a compile or link command that setuptools runs inside the guest (WASI
 * has no processes): the command's compiler ({@code CC}/{@code LDSHARED} of the runtime's
 * sysconfig, e.g. {@code clang-19 --target=wasm32-wasi --sysroot=...}) is replaced by the runtime
 * SDK's driver ({@code sdk/bin/wasm32-wasi-clang}, which sets the target, the sysroot, CPython's
 * headers, {@code -fPIC}, the toolchain identity and, for {@code -shared}, the runtime's
 * libraries); the options the driver owns are dropped, and every guest path (absolute, or relative
 * to the guest's working directory) is mapped to the host directory preopened for it. A path
 * outside the preopened directories is refused: the build reaches nothing the guest could not.
 */
final class NativeCompiler {
  private static final long TIMEOUT_MINUTES = 10;

  private final Path driver;

  /**
   * @param driver {@code <bundle>/sdk/bin/wasm32-wasi-clang}
   */
  NativeCompiler(Path driver) {
    this.driver = driver;
  }

  /**
   * The SDK's driver of the bundle at {@code bundle}, when it exists and its clang runs on this
   * machine ({@code COMPONENTIZE_CLANG}, default {@code clang-19}).
   */
  static Optional<NativeCompiler> of(Path bundle) {
    Path driver = bundle.resolve("sdk/bin/wasm32-wasi-clang");
    // A regular file, run through bash as SdkCompiler does: a bundle unpacked from the runtime
    // jar has no executable bits.
    if (!Files.isRegularFile(driver)) {
      return Optional.empty();
    }
    String clang = System.getenv().getOrDefault("COMPONENTIZE_CLANG", "clang-19");
    try {
      Process p = new ProcessBuilder(clang, "--version").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0
          ? Optional.of(new NativeCompiler(driver))
          : Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  /** What a command did: its exit status and output. */
  record Outcome(int status, String output) {}

  /**
   * Runs the guest's command {@code argv} (its working directory {@code cwd}) with the driver.
   *
   * @param preopens guest directory to host directory
   */
  Outcome run(List<String> argv, String cwd, Map<String, Path> preopens) {
    List<String> command = new ArrayList<>();
    command.add("bash");
    command.add(driver.toString());
    Path workingDirectory = map(cwd, "/", preopens);
    if (workingDirectory == null) {
      return new Outcome(1, "the working directory " + cwd + " is outside the build's directories");
    }
    for (int i = 1; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (arg.startsWith("--target=")
          || arg.startsWith("--sysroot=")
          || arg.startsWith("-ffile-prefix-map=")
          || arg.startsWith("-I" + GuestPython.HOME + "/")
          || arg.startsWith("-L" + GuestPython.HOME + "/")) {
        continue; // the driver sets these for the runtime (CPython's headers come from the SDK)
      }
      String prefix = arg.startsWith("-I") || arg.startsWith("-L") ? arg.substring(0, 2) : "";
      String value = arg.substring(prefix.length());
      if (value.startsWith("/")) {
        Path host = map(value, cwd, preopens);
        if (host == null) {
          return new Outcome(1, arg + " is outside the build's directories");
        }
        command.add(prefix + host);
      } else {
        command.add(arg);
      }
    }
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(workingDirectory.toFile())
              .redirectErrorStream(true)
              .start();
      byte[] output = p.getInputStream().readAllBytes();
      if (!p.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
        p.destroyForcibly();
        return new Outcome(1, "the compiler did not finish within " + TIMEOUT_MINUTES + " min");
      }
      return new Outcome(
          p.exitValue(),
          String.join(" ", command) + "\n" + new String(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Outcome(1, "cannot run " + driver + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome(1, "interrupted");
    }
  }

  /** The host path of a guest path (relative ones against {@code cwd}), or null outside them. */
  static Path map(String guest, String cwd, Map<String, Path> preopens) {
    String absolute = guest.startsWith("/") ? guest : cwd + "/" + guest;
    String best = null;
    for (String dir : preopens.keySet()) {
      if ((absolute.equals(dir) || absolute.startsWith(dir + "/"))
          && (best == null || dir.length() > best.length())) {
        best = dir;
      }
    }
    if (best == null) {
      return null;
    }
    Path root = preopens.get(best).toAbsolutePath().normalize();
    String rest = absolute.substring(best.length());
    Path host = rest.isEmpty() ? root : root.resolve(rest.substring(1)).normalize();
    return host.startsWith(root) ? host : null;
  }
}

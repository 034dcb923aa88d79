package dev.componentize.core.packages;

import dev.componentize.core.wheel.TargetRuntime;
import java.util.Map;

/**
 * The values of PEP 508's marker variables inside the component: CPython for wasm32-wasi. They are
 * what the runtime's own {@code sys}, {@code os} and {@code platform} modules report there ({@code
 * sys.platform} is {@code wasi}, {@code os.name} {@code posix}, wasi-libc's {@code uname()} says
 * system {@code wasi}, machine {@code wasm32}).
 */
public final class TargetEnvironment {
  private TargetEnvironment() {}

  /**
   * The marker environment of the runtime.
   *
   * @param runtime the runtime's Python version
   * @param fullVersion the runtime's full version, e.g. {@code 3.13.15}
   */
  public static Map<String, String> of(TargetRuntime runtime, String fullVersion) {
    return Map.ofEntries(
        Map.entry("python_version", runtime.version()),
        Map.entry("python_full_version", fullVersion),
        Map.entry("os_name", "posix"),
        Map.entry("sys_platform", "wasi"),
        Map.entry("platform_release", ""),
        Map.entry("platform_system", "wasi"),
        Map.entry("platform_version", ""),
        Map.entry("platform_machine", "wasm32"),
        Map.entry("platform_python_implementation", "CPython"),
        Map.entry("implementation_name", "cpython"),
        Map.entry("implementation_version", fullVersion));
  }
}

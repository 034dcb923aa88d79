package dev.componentize.core.wheel;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides whether a wheel's tags (PEP 425) fit the runtime, in the order installers use (the {@code
 * packaging.tags} rules for CPython): for CPython 3.13, interpreter/ABI pairs {@code cp313-cp313},
 * {@code cp3x-abi3} for 3.2 &lt;= 3.x &lt;= 3.13 (the stable ABI of PEP 384 is forward compatible),
 * {@code cp313-none}, and {@code py3-none} / {@code py3x-none} for x &lt;= 13; platforms {@code
 * any} and the WASI tags. A wheel fits if any one of its tags fits.
 *
 * <p>WASI has no platform tag standardised by a PEP yet. CPython's {@code sysconfig.get_platform()}
 * on WASI returns {@code wasi-0.0.0-wasm32} (from {@code uname()} in wasi-libc), which installers
 * turn into {@code wasi_0_0_0_wasm32}; that is what pip users pass as {@code --platform} and what
 * WASI wheel builders (e.g. the wheels used with componentize-py) write. Some tools write the
 * target triple instead ({@code wasm32_wasi}, {@code wasm32_wasip1}). All of these are accepted
 * here; the libraries inside are checked again, by content, by the toolchain check. Emscripten's
 * tags are defined by PEP 783 ({@code pyemscripten_<abi>_wasm32}) and by Pyodide's earlier ones
 * ({@code pyodide_<abi>_wasm32}, {@code emscripten_<version>_wasm32}).
 */
public final class TagCompatibility {

  /** What a platform tag names, as far as this check cares. */
  public enum Platform {
    /** {@code any}: no native code. */
    ANY,
    /** A WASI wasm32 platform: what the runtime is. */
    WASI,
    /** Emscripten (Pyodide): wasm, but another ABI and JavaScript-provided imports. */
    EMSCRIPTEN,
    /** WASIX (Wasmer's extension of WASI): wasm, but another libc and non-WASI imports. */
    WASIX,
    /** A native operating system and processor: machine code, not wasm. */
    HOST,
    /** A tag we do not recognise. */
    UNKNOWN
  }

  private static final Pattern WASI_TAG =
      Pattern.compile("wasi(?:_[0-9]+)*_wasm32|wasm32_wasi(?:p[0-9]+)?|wasm32_unknown_wasi");
  private static final Pattern EMSCRIPTEN_TAG =
      // The PEP 783 and Pyodide forms, and any other spelling that names Emscripten or Pyodide.
      Pattern.compile(".*(?:emscripten|pyodide).*");
  private static final Pattern WASIX_TAG = Pattern.compile("wasix(?:_.*)?|.*_wasix");
  private static final Pattern HOST_TAG =
      Pattern.compile(
          "(?:manylinux[0-9]*|musllinux|linux|macosx|win|ios|android|freebsd|netbsd|openbsd|solaris"
              + "|cygwin|aix)(?:_.*)?|win32");
  private static final Pattern PYTHON = Pattern.compile("([a-z]+)([0-9])([0-9]*)(t?)");
  private static final Pattern CPYTHON_ABI = Pattern.compile("cp([0-9])([0-9]+)([a-z]*)");

  private static final String HOW_TO_BUILD =
      "rebuild its extension modules with the runtime bundle's SDK (its compiler driver"
          + " <bundle>/sdk/bin/wasm32-wasi-clang, linked with -shared) and tag the wheel"
          + " %1$s-%1$s-wasi_0_0_0_wasm32, or use a pure-Python (py3-none-any) wheel of the same"
          + " project if it has one";

  private TagCompatibility() {}

  /** Classifies one platform tag. */
  public static Platform platform(String tag) {
    String t = tag.toLowerCase(Locale.ROOT);
    if (t.equals("any")) {
      return Platform.ANY;
    } else if (WASI_TAG.matcher(t).matches()) {
      return Platform.WASI;
    } else if (EMSCRIPTEN_TAG.matcher(t).matches()) {
      return Platform.EMSCRIPTEN;
    } else if (WASIX_TAG.matcher(t).matches()) {
      return Platform.WASIX;
    } else if (HOST_TAG.matcher(t).matches()) {
      return Platform.HOST;
    }
    return Platform.UNKNOWN;
  }

  /** Whether one tag fits the runtime. */
  public static boolean isCompatible(WheelTag tag, TargetRuntime runtime) {
    Platform p = platform(tag.platform());
    return (p == Platform.ANY || p == Platform.WASI) && interpreterFits(tag, runtime) == null;
  }

  /**
   * Returns the first of the wheel's tags that fits the runtime.
   *
   * @param wheel the wheel's file name, for messages
   * @param tags the wheel's tags (from its WHEEL file, or its file name)
   * @throws WheelException saying why none fits and how to get a wheel that does
   */
  public static WheelTag check(String wheel, List<WheelTag> tags, TargetRuntime runtime)
      throws WheelException {
    if (tags.isEmpty()) {
      throw new WheelException(
          wheel, null, "declares no compatibility tags: rebuild it (python -m build --wheel)");
    }
    for (WheelTag tag : tags) {
      if (isCompatible(tag, runtime)) {
        return tag;
      }
    }
    List<WheelTag> platformFits =
        tags.stream()
            .filter(
                t ->
                    platform(t.platform()) == Platform.ANY
                        || platform(t.platform()) == Platform.WASI)
            .toList();
    if (platformFits.isEmpty()) {
      throw new WheelException(wheel, null, platformProblem(tags, runtime));
    }
    WheelTag first = platformFits.get(0);
    throw new WheelException(wheel, null, "tag " + first + " " + interpreterFits(first, runtime));
  }

  private static String platformProblem(List<WheelTag> tags, TargetRuntime runtime) {
    String platforms =
        tags.stream().map(WheelTag::platform).distinct().collect(Collectors.joining(", "));
    String build = String.format(Locale.ROOT, HOW_TO_BUILD, runtime.cpythonTag());
    List<Platform> kinds = tags.stream().map(t -> platform(t.platform())).toList();
    if (kinds.contains(Platform.EMSCRIPTEN)) {
      return "built for Emscripten (Pyodide) (platform "
          + platforms
          + "): Emscripten side modules use Emscripten's own C ABI and libc and import their"
          + " system calls from JavaScript glue code (env.__syscall_*, env.emscripten_*,"
          + " env.invoke_*), none of which exists in a WASI component. To use it: "
          + build;
    }
    if (kinds.contains(Platform.WASIX)) {
      return "built for WASIX (platform "
          + platforms
          + "): WASIX extends WASI with Wasmer-specific imports and its own libc, which a"
          + " component host does not provide. To use it: "
          + build;
    }
    if (kinds.contains(Platform.HOST)) {
      return "built for a native operating system (platform "
          + platforms
          + "): it contains machine code for that system and processor, which cannot run inside"
          + " WebAssembly. To use it: "
          + build;
    }
    return "has platform "
        + platforms
        + ", which is neither 'any' nor a WASI platform (wasi_0_0_0_wasm32). To use it: "
        + build;
  }

  /**
   * Why a tag's interpreter/ABI pair does not fit the runtime, or {@code null} if it fits. The
   * platform is not looked at.
   */
  private static String interpreterFits(WheelTag tag, TargetRuntime runtime) {
    String cp = runtime.cpythonTag();
    String python = tag.python().toLowerCase(Locale.ROOT);
    String abi = tag.abi().toLowerCase(Locale.ROOT);
    Matcher py = PYTHON.matcher(python);
    if (!py.matches()) {
      return "has interpreter tag '" + tag.python() + "', which is not a Python version tag";
    }
    String implementation = py.group(1);
    int major = Integer.parseInt(py.group(2));
    int minor = py.group(3).isEmpty() ? -1 : Integer.parseInt(py.group(3));
    boolean freeThreaded = !py.group(4).isEmpty() || abi.matches("cp[0-9]+t");
    if (freeThreaded) {
      return "is built for the free-threaded CPython build; the runtime is the default CPython "
          + runtime.version()
          + " build: use a wheel tagged "
          + cp
          + "-"
          + cp
          + " or "
          + cp
          + "-abi3";
    }
    if (!implementation.equals("cp") && !implementation.equals("py")) {
      return "is built for another Python implementation ('"
          + implementation
          + "', e.g. pp = PyPy); the runtime is CPython "
          + runtime.version()
          + ": use a wheel tagged "
          + cp
          + " or py3";
    }
    if (major != runtime.pythonMajor()) {
      return "is built for Python " + major + "; the runtime is CPython " + runtime.version();
    }
    if (minor > runtime.pythonMinor()) {
      return "requires Python "
          + major
          + "."
          + minor
          + " or later; the runtime is CPython "
          + runtime.version()
          + ": use an older release of the project";
    }
    switch (abi) {
      case "none" -> {
        // cp313-none: CPython-only source with no C ABI use; py3x-none: any Python 3.x or later.
        if (implementation.equals("py") || python.equals(cp)) {
          return null;
        }
        return "is for CPython "
            + major
            + "."
            + minor
            + " only (ABI 'none'); the runtime is CPython "
            + runtime.version()
            + ": use a wheel tagged "
            + cp
            + "-none or py3-none";
      }
      case "abi3" -> {
        // The stable ABI (PEP 384) exists from 3.2 and a cp3x-abi3 extension loads in 3.x and
        // every later 3.y.
        if (implementation.equals("cp") && minor >= 2) {
          return null;
        }
        return "pairs ABI abi3 with '" + tag.python() + "'; abi3 wheels must name cp3x (x >= 2)";
      }
      default -> {
        Matcher a = CPYTHON_ABI.matcher(abi);
        if (a.matches() && !abi.equals(cp)) {
          return "is built for the C ABI of CPython "
              + a.group(1)
              + "."
              + a.group(2)
              + " ("
              + tag.abi()
              + "); the runtime is CPython "
              + runtime.version()
              + " and extension modules only load into the version they were compiled for: use"
              + " a wheel built for "
              + cp
              + " (or for abi3)";
        }
        if (abi.equals(cp) && python.equals(cp)) {
          return null;
        }
        return "has ABI tag '"
            + tag.abi()
            + "'; the runtime accepts "
            + cp
            + ", abi3 and none (with interpreter "
            + cp
            + ")";
      }
    }
  }
}

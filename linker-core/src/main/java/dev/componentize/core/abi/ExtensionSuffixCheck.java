package dev.componentize.core.abi;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The CPython ABI tag in an extension module's file name. CPython imports module {@code m} only
 * from {@code m} + one of its extension suffixes ({@code importlib.machinery.EXTENSION_SUFFIXES}):
 * on the runtime {@code .cpython-313-wasm32-wasi.so}, {@code .abi3.so} (the stable ABI, PEP 384)
 * and {@code .so}. A tag for another CPython version or platform means the file was compiled
 * against other headers or for another machine (PEP 3149 names the tag).
 */
final class ExtensionSuffixCheck {
  private ExtensionSuffixCheck() {}

  // PEP 3149: .cpython-<major><minor><flags>-<platform>.so
  private static final Pattern SOABI =
      Pattern.compile(".+\\.cpython-([0-9])([0-9]+)([a-z]*)-([A-Za-z0-9_-]+)\\.so");
  private static final Pattern RUNTIME_SOABI =
      Pattern.compile("cpython-([0-9])([0-9]+)([a-z]*)-([A-Za-z0-9_-]+)");

  /**
   * Adds what the file name says to {@code out}.
   *
   * @return whether looking at the content still makes sense (not for a host binary's name)
   */
  static boolean check(CandidateLibrary library, RuntimeIdentity runtime, List<Finding> out) {
    String name = library.fileName();
    if (name.endsWith(runtime.extSuffix()) || name.endsWith(".abi3.so")) {
      return true;
    }
    Matcher tag = SOABI.matcher(name);
    if (tag.matches()) {
      return wrongTag(library, runtime, tag, out);
    }
    if (name.endsWith(".so") && name.indexOf('.') == name.length() - ".so".length()) {
      out.add(
          Finding.of(
              Severity.INFO,
              library,
              "has an untagged extension module name (<module>.so): CPython "
                  + runtime.pythonMinorVersion()
                  + " imports it, but the name does not say which CPython it was built for",
              "",
              "",
              Evidence.FILE_NAME));
      return true;
    }
    out.add(
        Finding.of(
            Severity.ERROR,
            library,
            "is not named like an extension module",
            "CPython "
                + runtime.pythonMinorVersion()
                + " on the runtime imports only "
                + Remedies.importedNames(runtime)
                + ", so this file would never be imported",
            "rename it if it was built with the runtime's SDK, else " + Remedies.rebuild(runtime),
            Evidence.FILE_NAME));
    return true;
  }

  private static boolean wrongTag(
      CandidateLibrary library, RuntimeIdentity runtime, Matcher tag, List<Finding> out) {
    String version = tag.group(1) + "." + tag.group(2) + tag.group(3);
    String platform = tag.group(4);
    String soabi = "cpython-" + tag.group(1) + tag.group(2) + tag.group(3) + "-" + platform;
    Matcher runtimeTag = RUNTIME_SOABI.matcher(runtime.soabi());
    String runtimePlatform = runtimeTag.matches() ? runtimeTag.group(4) : runtime.soabi();
    if (!platform.startsWith("wasm32")) {
      out.add(
          Finding.of(
              Severity.ERROR,
              library,
              "is tagged " + soabi + ": a CPython extension built for " + platform,
              "that is native machine code for another operating system and processor, not"
                  + " WebAssembly; the runtime (SOABI "
                  + runtime.soabi()
                  + ") imports only "
                  + Remedies.importedNames(runtime),
              "use a wasm32-wasi build of the package, or " + Remedies.rebuild(runtime),
              Evidence.FILE_NAME));
      return false;
    }
    if (!version.equals(runtime.pythonMinorVersion())) {
      String flags = tag.group(3).isEmpty() ? "" : " (ABI flags '" + tag.group(3) + "')";
      out.add(
          Finding.of(
              Severity.ERROR,
              library,
              "is tagged " + soabi + ": built for CPython " + version + flags,
              "the runtime is CPython "
                  + runtime.pythonVersion()
                  + " (SOABI "
                  + runtime.soabi()
                  + "): CPython does not import it, and an extension compiled against another"
                  + " CPython's headers disagrees with the runtime on object layouts and the C API",
              "rebuild it against the runtime's CPython headers with "
                  + Remedies.sdk(runtime)
                  + ", or build it for the stable ABI (abi3)",
              Evidence.FILE_NAME));
      return true;
    }
    out.add(
        Finding.of(
            Severity.ERROR,
            library,
            "is tagged " + soabi + ": built for platform " + platform,
            "the runtime's CPython (SOABI "
                + runtime.soabi()
                + ", platform "
                + runtimePlatform
                + ") imports only "
                + Remedies.importedNames(runtime)
                + ", so this file would never be imported",
            "if it was built with the runtime's SDK, rename it to <module>"
                + runtime.extSuffix()
                + "; else "
                + Remedies.rebuild(runtime),
            Evidence.FILE_NAME));
    return true;
  }
}

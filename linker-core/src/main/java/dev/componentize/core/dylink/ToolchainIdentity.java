package dev.componentize.core.dylink;

import dev.componentize.core.wasm.ByteWriter;
import dev.componentize.core.wasm.Bytes;
import dev.componentize.core.wasm.CustomSection;
import dev.componentize.core.wasm.WasmFormatException;
import dev.componentize.core.wasm.WasmModule;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * componentize-maven's {@code componentize.toolchain} custom section
 * (docs/design/toolchain-identity.md): UTF-8 {@code key=value} lines, each ending in {@code \n},
 * naming the toolchain and wasi-libc revision a library was built with. Entries keep their order
 * and unknown keys are kept, so writing reproduces what was read; a {@code format} other than
 * {@value #FORMAT} is rejected.
 */
public record ToolchainIdentity(List<Entry> entries) {

  public static final String NAME = "componentize.toolchain";
  public static final String FORMAT = "1";

  public static final String KEY_FORMAT = "format";
  public static final String KEY_TOOLCHAIN = "toolchain";
  public static final String KEY_WASI_LIBC = "wasi-libc";
  public static final String KEY_SYSROOT_CLANG = "sysroot-clang";
  public static final String KEY_COMPILER = "compiler";
  public static final String KEY_TARGET = "target";

  public ToolchainIdentity {
    entries = List.copyOf(entries);
    Set<String> keys = new HashSet<>();
    for (Entry entry : entries) {
      if (!keys.add(entry.key())) {
        throw new IllegalArgumentException("key '" + entry.key() + "' given twice");
      }
    }
  }

  public record Entry(String key, String value) {
    public Entry {
      if (key.isEmpty() || key.indexOf('=') >= 0 || key.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("bad key '" + key + "'");
      }
      if (value.indexOf('\n') >= 0) {
        throw new IllegalArgumentException("value of '" + key + "' contains a newline");
      }
    }
  }

  /** An identity in the documented key order, format {@value #FORMAT}. */
  public static ToolchainIdentity of(
      String toolchain, String wasiLibc, String sysrootClang, String compiler, String target) {
    return new ToolchainIdentity(
        List.of(
            new Entry(KEY_FORMAT, FORMAT),
            new Entry(KEY_TOOLCHAIN, toolchain),
            new Entry(KEY_WASI_LIBC, wasiLibc),
            new Entry(KEY_SYSROOT_CLANG, sysrootClang),
            new Entry(KEY_COMPILER, compiler),
            new Entry(KEY_TARGET, target)));
  }

  public static Optional<ToolchainIdentity> of(WasmModule module) {
    List<CustomSection> sections = module.customSections(NAME);
    if (sections.size() > 1) {
      CustomSection second = sections.get(1);
      throw new WasmFormatException(
          module.source(),
          NAME,
          module.contentOffset(second).orElse(0),
          "the module has " + sections.size() + " '" + NAME + "' sections; expected one");
    }
    return sections.stream()
        .findFirst()
        .map(s -> read(module.source(), s, module.contentOffset(s).orElse(0)));
  }

  public static ToolchainIdentity read(String file, CustomSection section, long contentOffset) {
    Bytes content = section.content();
    byte[] bytes = content.toArray();
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new WasmFormatException(file, NAME, contentOffset, "content is not valid UTF-8");
    }
    List<Entry> entries = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    int lineStart = 0;
    while (lineStart < text.length()) {
      long at = contentOffset + byteLength(text, lineStart);
      int newline = text.indexOf('\n', lineStart);
      if (newline < 0) {
        throw new WasmFormatException(file, NAME, at, "last line does not end with '\\n'");
      }
      String line = text.substring(lineStart, newline);
      int equals = line.indexOf('=');
      if (equals <= 0) {
        throw new WasmFormatException(file, NAME, at, "line '" + line + "' is not key=value");
      }
      String key = line.substring(0, equals);
      if (!keys.add(key)) {
        // wasm-ld concatenates same-named custom sections: two objects carrying the record.
        throw new WasmFormatException(
            file,
            NAME,
            at,
            "key '"
                + key
                + "' appears twice: more than one object of the library includes"
                + " <wasi/toolchain-id.h>");
      }
      entries.add(new Entry(key, line.substring(equals + 1)));
      lineStart = newline + 1;
    }
    ToolchainIdentity identity = new ToolchainIdentity(entries);
    Optional<String> format = identity.value(KEY_FORMAT);
    if (format.isEmpty()) {
      throw new WasmFormatException(file, NAME, contentOffset, "no 'format' key");
    }
    if (!format.get().equals(FORMAT)) {
      throw new WasmFormatException(
          file,
          NAME,
          contentOffset,
          "format '"
              + format.get()
              + "' is not supported (this reader knows format "
              + FORMAT
              + ")");
    }
    return identity;
  }

  private static int byteLength(String text, int chars) {
    return text.substring(0, chars).getBytes(StandardCharsets.UTF_8).length;
  }

  public CustomSection toCustomSection() {
    StringBuilder text = new StringBuilder();
    for (Entry entry : entries) {
      text.append(entry.key()).append('=').append(entry.value()).append('\n');
    }
    ByteWriter out = new ByteWriter();
    out.bytes(text.toString().getBytes(StandardCharsets.UTF_8));
    return new CustomSection(NAME, out.toBytes());
  }

  public Optional<String> value(String key) {
    for (Entry entry : entries) {
      if (entry.key().equals(key)) {
        return Optional.of(entry.value());
      }
    }
    return Optional.empty();
  }

  /** e.g. {@code componentize-wasi 1}. */
  public Optional<String> toolchain() {
    return value(KEY_TOOLCHAIN);
  }

  public Optional<String> wasiLibc() {
    return value(KEY_WASI_LIBC);
  }

  public Optional<String> sysrootClang() {
    return value(KEY_SYSROOT_CLANG);
  }

  /** The {@code __clang_version__} of the compiler that built the object carrying the record. */
  public Optional<String> compiler() {
    return value(KEY_COMPILER);
  }

  public Optional<String> target() {
    return value(KEY_TARGET);
  }
}

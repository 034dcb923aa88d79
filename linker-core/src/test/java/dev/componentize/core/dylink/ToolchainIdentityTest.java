package dev.componentize.core.dylink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.componentize.core.wasm.Bytes;
import dev.componentize.core.wasm.CustomSection;
import dev.componentize.core.wasm.Fixtures;
import dev.componentize.core.wasm.WasmFormatException;
import dev.componentize.core.wasm.WasmModule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ToolchainIdentityTest {

  private static CustomSection section(String text) {
    return new CustomSection(
        ToolchainIdentity.NAME, Bytes.of(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static WasmFormatException rejects(String text) {
    return assertThrows(
        WasmFormatException.class, () -> ToolchainIdentity.read("ext.so", section(text), 200));
  }

  @Test
  void readsTheIdentityCompiledIntoAFixtureByTheRuntimeHeader() {
    // libdep.so links the runtime's toolchain-id.c, built from <wasi/toolchain-id.h>.
    ToolchainIdentity identity = ToolchainIdentity.of(Fixtures.module("libdep.so")).orElseThrow();
    assertEquals(Optional.of("componentize-wasi 1"), identity.toolchain());
    assertEquals(Optional.of("9886d3d"), identity.wasiLibc());
    assertEquals(Optional.of("19.1.7"), identity.sysrootClang());
    assertEquals(Optional.of("19.1.7 (3~deb12u1)"), identity.compiler());
    assertEquals(Optional.of("wasm32-wasi"), identity.target());
  }

  @Test
  void reEncodingGivesTheFixturesBytes() {
    WasmModule module = Fixtures.module("libdep.so");
    assertEquals(
        module.customSection(ToolchainIdentity.NAME).orElseThrow(),
        ToolchainIdentity.of(module).orElseThrow().toCustomSection());
  }

  @Test
  void librariesWithoutTheSectionHaveNoIdentity() {
    assertTrue(ToolchainIdentity.of(Fixtures.module("libpic.so")).isEmpty());
  }

  @Test
  void keepsUnknownKeysInOrder() {
    String text = "format=1\nfuture-key=x=y\ntoolchain=componentize-wasi 2\n";
    ToolchainIdentity identity = ToolchainIdentity.read("ext.so", section(text), 0);
    assertEquals(Optional.of("x=y"), identity.value("future-key"));
    assertEquals(section(text), identity.toCustomSection());
  }

  @Test
  void factoryWritesTheDocumentedLines() {
    ToolchainIdentity identity =
        ToolchainIdentity.of("componentize-wasi 1", "9886d3d", "19.1.7", "19.1.7", "wasm32-wasi");
    assertEquals(
        section(
            "format=1\ntoolchain=componentize-wasi 1\nwasi-libc=9886d3d\nsysroot-clang=19.1.7\n"
                + "compiler=19.1.7\ntarget=wasm32-wasi\n"),
        identity.toCustomSection());
    assertEquals(identity, ToolchainIdentity.read("built", identity.toCustomSection(), 0));
  }

  @Test
  void rejectsAnUnknownFormat() {
    WasmFormatException e = rejects("format=2\ntoolchain=other\n");
    assertEquals(ToolchainIdentity.NAME, e.section());
    assertEquals(200, e.offset());
    assertTrue(e.getMessage().contains("format '2' is not supported"), e.getMessage());
  }

  @Test
  void rejectsAMissingFormat() {
    assertTrue(rejects("toolchain=x\n").getMessage().contains("no 'format' key"));
  }

  @Test
  void reportsARecordIncludedTwiceAtTheSecondCopy() {
    String once = "format=1\ntoolchain=componentize-wasi 1\n";
    WasmFormatException e = rejects(once + once);
    assertEquals(200 + once.length(), e.offset());
    assertTrue(e.getMessage().contains("more than one object"), e.getMessage());
  }

  @Test
  void rejectsALastLineWithoutNewline() {
    WasmFormatException e = rejects("format=1\ntarget=wasm32-wasi");
    assertEquals(209, e.offset());
  }

  @Test
  void rejectsALineWithoutEquals() {
    WasmFormatException e = rejects("format=1\n\u00e9t\u00e9\n");
    assertEquals(209, e.offset());
    assertTrue(e.getMessage().contains("not key=value"), e.getMessage());
  }

  @Test
  void rejectsTwoSectionsInOneModule() {
    String text = "format=1\n";
    WasmModule module = WasmModule.of(List.of(section(text), section(text)));
    WasmFormatException e =
        assertThrows(WasmFormatException.class, () -> ToolchainIdentity.of(module));
    assertTrue(e.getMessage().contains("has 2 'componentize.toolchain' sections"), e.getMessage());
  }
}

package dev.componentize.core.component.binary;

/**
 * Import and export names (Binary.md, "Import and Export Definitions": {@code importname' ::= 0x00
 * len:<u32> in:<importname>}). The leading 0x00 marks the plain form; the name itself is a label
 * ({@code greet}), an annotated label ({@code [method]r.m}) or an interface name ({@code
 * wasi:cli/run@0.2.6}), all written as a UTF-8 {@code name}.
 */
final class ExternNames {
  private ExternNames() {}

  static void write(BinaryWriter w, String name) {
    w.u8(0x00).name(name);
  }
}

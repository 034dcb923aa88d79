package dev.componentize.runtime.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.componentize.core.bindings.DescriptorEncoder;
import dev.componentize.core.bindings.WorldPlan;
import dev.componentize.core.component.canon.CanonicalAbi;
import dev.componentize.core.component.types.ComponentFuncType;
import dev.componentize.core.component.types.ComponentValType;
import dev.componentize.core.wit.Resolve;
import dev.componentize.core.wit.WitLoader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The glue and linker-core must agree on every canonical ABI layout (docs/design/python-glue.md:
 * "the same rules as linker-core component.canon, tested against each other"). linker-core's {@link
 * DescriptorEncoder} encodes a world using every type kind; the glue's own parser (descriptor.c,
 * compiled natively into {@code describe_blob}) reads the blob back and prints, per function, the
 * flat parameter and result counts and each type's size, alignment and flat count; these must equal
 * {@link CanonicalAbi}'s answers for the same component types.
 */
class DescriptorCrossCheckTest {
  private static final Path GLUE = Path.of("src/main/c/glue");
  private static final Path TOOL = Path.of("src/test/c/glue/describe_blob.c");

  @TempDir Path work;

  /** A world with every type kind, a 300-case enum (2-byte discriminant) and spilled params. */
  private static String wit() {
    String manyCases =
        IntStream.range(0, 300).mapToObj(i -> "c" + i).collect(Collectors.joining(", "));
    return """
package test:glue@0.1.0;

interface types {
  record inner { a: u8, b: u64, c: string }
  record outer { i: inner, l: list<inner>, t: tuple<s8, f32, char>, o: option<s16> }
  variant mixed { none, small(u8), wide(f64), text(string), pair(tuple<u32, s64>) }
  enum few { a, b, c }
  enum many { %s }
  flags bits { b0, b1, b2, b3, b4, b5, b6, b7, b8 }
  flags wide-bits { w0, w1, w2, w3, w4, w5, w6, w7, w8, w9, w10, w11, w12, w13, w14,
    w15, w16, w17, w18, w19, w20, w21, w22, w23, w24, w25, w26, w27, w28, w29, w30, w31 }
  resource thing {
    constructor(seed: u16);
    poke: func(by: borrow<thing>, v: option<option<f32>>) -> result<_, string>;
  }
}

interface api {
  use types.{inner, outer, mixed, few, many, bits, wide-bits};
  resource tally {
    constructor(start: s32);
    total: func() -> s64;
  }
  nothing: func();
  scalars: func(a: bool, b: s8, c: u8, d: s16, e: u16, f: s32, g: u32, h: s64, i: u64,
    j: f32, k: f64, l: char) -> tuple<bool, char>;
  nested: func(o: outer, m: mixed) -> list<outer>;
  enums: func(x: few, y: many, z: bits, w: wide-bits) -> option<many>;
  results: func(r: result, s: result<u8>, t: result<_, mixed>) -> result<list<u8>, few>;
  spilled: func(a: outer, b: outer, c: outer, d: outer) -> outer;
  bytes: func(b: list<u8>) -> list<list<string>>;
}

world cross {
  use types.{thing, mixed};
  import types;
  import poke-world: func(t: borrow<thing>, m: mixed) -> own<thing>;
  export api;
  export run: func(args: list<string>) -> result;
}
"""
        .formatted(manyCases);
  }

  @Test
  void theGlueComputesTheSameLayoutsAsLinkerCore() throws Exception {
    assumeTrue(commandExists("cc"), "no native C compiler");
    Path tool = work.resolve("describe_blob");
    run(
        List.of(
            "cc",
            "-std=c11",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-I" + GLUE,
            TOOL.toString(),
            GLUE.resolve("descriptor.c").toString(),
            "-o",
            tool.toString()));

    Resolve resolve = WitLoader.loadText(wit(), Set.of());
    WorldPlan plan = WorldPlan.of(resolve, resolve.selectWorld("cross"), "app");
    Path blob = work.resolve("world.bin");
    Files.write(blob, DescriptorEncoder.encode(plan).blob());
    List<String> lines = run(List.of(tool.toString(), blob.toString())).lines().toList();

    List<String> expected = new ArrayList<>();
    expected.add("app app");
    for (WorldPlan.Export e : plan.exports()) {
      expected.add(describe("export", e.index(), e.coreName(), e.type()));
    }
    for (WorldPlan.Import i : plan.imports()) {
      expected.add(describe("import", i.index(), i.module() + "." + i.field(), i.type()));
    }
    List<String> actual = new ArrayList<>();
    actual.add(lines.get(0).replaceFirst(" types \\d+$", ""));
    actual.addAll(lines.subList(1, lines.size()));
    assertEquals(String.join("\n", expected), String.join("\n", actual));
    assertTrue(plan.exports().size() >= 9, "the plan has the exports the WIT lists: " + actual);
  }

  /** The line describe_blob prints for a function, from linker-core's canonical ABI. */
  private static String describe(String what, int index, String name, ComponentFuncType type) {
    StringBuilder line =
        new StringBuilder(what + " " + index + " " + name)
            .append(' ')
            .append(CanonicalAbi.flatten(type.paramTypes()).size())
            .append(' ')
            .append(CanonicalAbi.flatten(type.resultTypes()).size());
    for (ComponentValType param : type.paramTypes()) {
      line.append(' ').append(layout(param));
    }
    type.result().ifPresent(result -> line.append(" -> ").append(layout(result)));
    return line.toString();
  }

  private static String layout(ComponentValType type) {
    return CanonicalAbi.size(type)
        + "/"
        + CanonicalAbi.alignment(type)
        + "/"
        + CanonicalAbi.flatten(type).size();
  }

  private static boolean commandExists(String command) {
    try {
      return new ProcessBuilder("sh", "-c", "command -v " + command).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private static String run(List<String> command) throws IOException, InterruptedException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, process.waitFor(), command + " failed:\n" + output);
    return output;
  }
}

package dev.componentize.core.wit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Hostile WIT that is well-formed but built to exhaust the loader: deep nesting (which once
 * overflowed the stack in the parser, the type resolver and the world resolver), top-level {@code
 * use}s naming each other (which recursed forever), and many items (which took quadratic time to
 * order). Each must fail with a located {@link WitException}, or load, within seconds; the limits
 * sit just past what is accepted, and a type exactly {@value TypeDepth#MAX} levels deep loads.
 */
class WitLimitsTest {

  /** A generous bound for inputs of a few hundred kilobytes on a shared, slow machine. */
  private static final Duration QUICKLY = Duration.ofSeconds(30);

  private static Resolve load(String text) {
    return assertTimeoutPreemptively(QUICKLY, () -> WitLoader.loadText(text, Set.of()));
  }

  private static WitException refused(String text) {
    return assertThrows(WitException.class, () -> load(text));
  }

  private static String lines(int count, IntFunction<String> line) {
    return IntStream.range(0, count).mapToObj(line).collect(Collectors.joining());
  }

  private static String nestedList(int depth) {
    return "package a:b;\ninterface i {\n  type t = "
        + "list<".repeat(depth)
        + "u8"
        + ">".repeat(depth)
        + ";\n}\n";
  }

  @Test
  void aTypeExactlyAsDeepAsTheLimitLoadsAndOneLevelMoreIsRefused() {
    // Depth counts every level: the alias, each list and the u8 inside.
    load(nestedList(TypeDepth.MAX - 2));
    WitException e = refused(nestedList(TypeDepth.MAX - 1));
    assertTrue(e.getMessage().contains("type 't' nests more than 100 types deep"), e.getMessage());
  }

  @Test
  void anonymousTypesNestedPastTheLimitAreRefusedAtTheInnermostOne() {
    WitException e = refused(nestedList(20_000));
    assertEquals(
        "types nest more than 100 levels deep; flatten the type",
        e.getMessage().substring(e.getMessage().indexOf(": ") + 2));
    assertEquals(3, e.line());
    assertEquals(12 + 5 * TypeDepth.MAX, e.column());
  }

  @Test
  void aChainOfNamedTypesPastTheLimitIsRefusedWhereItGetsTooDeep() {
    // Declared outermost first, so resolving t0 recurses through the whole chain.
    String text =
        "package a:b;\ninterface i {\n"
            + lines(20_000, k -> "  type t" + k + " = list<t" + (k + 1) + ">;\n")
            + "  type t20000 = u8;\n}\n";
    WitException e = refused(text);
    assertTrue(e.getMessage().contains("nests more than 100 types deep"), e.getMessage());
  }

  @Test
  void aChainOfRecordsDeclaredInnermostFirstIsRefusedToo() {
    // Each record resolves without recursion, but the finished type would still be 20,000 deep
    // for everything that walks it later (ABI flattening, bindings).
    String text =
        "package a:b;\ninterface i {\n  record r0 { f: u8 }\n"
            + lines(20_000, k -> "  record r" + (k + 1) + " { f: r" + k + " }\n")
            + "}\n";
    WitException e = refused(text);
    assertTrue(
        e.getMessage().contains("type 'r99' nests more than 100 types deep"), e.getMessage());
    assertEquals(102, e.line());
  }

  @Test
  void aChainOfInterfacesUsingEachOtherPastTheLimitIsRefused() {
    String text =
        "package a:b;\n"
            + lines(5_000, k -> "interface i" + k + " {\n  use i" + (k + 1) + ".{t};\n}\n")
            + "interface i5000 { type t = u8; }\nworld w { export i0; }\n";
    WitException e = refused(text);
    assertTrue(
        e.getMessage().contains("a:b/i100 is reached through a chain of more than 100 interfaces"),
        e.getMessage());
  }

  @Test
  void aChainOfWorldIncludesPastTheLimitIsRefused() {
    String text =
        "package a:b;\n"
            + lines(5_000, k -> "world w" + k + " { include w" + (k + 1) + "; }\n")
            + "world w5000 { export f: func(); }\n";
    WitException e = refused(text);
    assertTrue(e.getMessage().contains("(starting at a:b/w0); shorten the chain"), e.getMessage());
  }

  @Test
  void aTopLevelUseNamingItselfIsAnUnknownNameNotARecursion() {
    WitException e = refused("package a:b;\nuse a as a;\nworld w { import a; }\n");
    assertTrue(
        e.getMessage().contains("interface or world 'a' not found in package a:b"), e.getMessage());
    assertEquals(2, e.line());
  }

  @Test
  void topLevelUsesNamingEachOtherAreUnknownNamesNotARecursion() {
    WitException e = refused("package a:b;\nuse c as d;\nuse d as c;\nworld w { import c; }\n");
    assertTrue(e.getMessage().contains("'d' not found"), e.getMessage());
  }

  @Test
  void manyTypesAndManyInterfacesLoad() {
    Resolve types =
        load(
            "package a:b;\ninterface i {\n"
                + lines(20_000, k -> "  type t" + k + " = u8;\n")
                + "}\nworld w { export i; }\n");
    assertEquals(20_000, types.interfaces().get(types.interfaces().size() - 1).types().size());
    Resolve interfaces =
        load(
            "package a:b;\n"
                + lines(5_000, k -> "interface i" + k + " { f: func(); }\n")
                + "world w {\n"
                + lines(5_000, k -> "  import i" + k + ";\n")
                + "}\n");
    assertEquals(5_000, interfaces.selectWorld("w").imports().size());
  }
}

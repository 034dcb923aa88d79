package dev.componentize.core.wit;

import java.math.BigInteger;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * WIT.md "Feature Gates": the version in {@code @since} is a version of the item's own package, so
 * a package that uses it must declare a version, and an item cannot be {@code @since} a version
 * later than the package's (a gate names a release that exists). {@code @deprecated} (always paired
 * with {@code @since} or {@code @unstable}) is allowed in an unversioned package, as wit-parser
 * allows it. Every placement a gate may have is checked: interfaces, worlds, their {@code use}s,
 * types, functions, resource functions, imports, exports and includes.
 */
final class VersionGates {
  private VersionGates() {}

  /** Fails at the first item of {@code scope} of unversioned {@code pkg} that is {@code @since}. */
  static void requireNone(PackageName pkg, Ast.Items scope) {
    forEachGate(
        scope,
        (gate, at) -> {
          if (gate.since() != null) {
            throw new WitException(
                at,
                "package "
                    + pkg
                    + " uses @since(version = ...), so it must declare a version"
                    + " ('package "
                    + pkg
                    + "@x.y.z;')");
          }
        });
  }

  /** Fails at the first item of {@code scope} that is {@code @since} a later version than pkg's. */
  static void requireReleased(PackageName pkg, Ast.Items scope) {
    forEachGate(
        scope,
        (gate, at) -> {
          if (gate.since() != null && compare(gate.since(), pkg.version()) > 0) {
            throw new WitException(
                at,
                "@since(version = "
                    + gate.since()
                    + ") names a version later than the package's own ("
                    + pkg
                    + "); a feature gate can only name a released version of its package");
          }
        });
  }

  private static void forEachGate(Ast.Items scope, BiConsumer<Stability, SourceSpan> check) {
    for (Ast.InterfaceDecl i : scope.interfaces()) {
      check.accept(i.gate(), i.name().span());
      members(i.members(), check);
    }
    for (Ast.WorldDecl w : scope.worlds()) {
      check.accept(w.gate(), w.name().span());
      for (Ast.WorldMember m : w.members()) {
        if (m instanceof Ast.UseDecl u) {
          check.accept(u.gate(), u.path().span());
        } else if (m instanceof Ast.TypeDecl t) {
          type(t, check);
        } else if (m instanceof Ast.ExternPath p) {
          check.accept(p.gate(), p.path().span());
        } else if (m instanceof Ast.ExternFunc f) {
          check.accept(f.gate(), f.name().span());
        } else if (m instanceof Ast.ExternInline x) {
          check.accept(x.gate(), x.name().span());
          members(x.members(), check);
        } else if (m instanceof Ast.IncludeDecl inc) {
          check.accept(inc.gate(), inc.path().span());
        }
      }
    }
  }

  private static void members(
      List<Ast.InterfaceMember> members, BiConsumer<Stability, SourceSpan> check) {
    for (Ast.InterfaceMember m : members) {
      if (m instanceof Ast.UseDecl u) {
        check.accept(u.gate(), u.path().span());
      } else if (m instanceof Ast.TypeDecl t) {
        type(t, check);
      } else if (m instanceof Ast.FuncDecl f) {
        check.accept(f.gate(), f.name().span());
      }
    }
  }

  private static void type(Ast.TypeDecl t, BiConsumer<Stability, SourceSpan> check) {
    check.accept(t.gate(), t.name().span());
    if (t.body() instanceof Ast.ResourceBody r) {
      for (Ast.ResourceFunc f : r.functions()) {
        check.accept(f.gate(), f.name().span());
      }
    }
  }

  /**
   * Semantic-version precedence (semver.org, item 11): major, minor and patch numerically, then a
   * version with a pre-release below the same version without one, pre-release identifiers compared
   * one by one (numeric ones numerically and below alphanumeric ones); build metadata is ignored.
   * The lexer has already checked both are well-formed versions.
   */
  static int compare(String a, String b) {
    String[] x = stripBuild(a).split("-", 2);
    String[] y = stripBuild(b).split("-", 2);
    String[] cx = x[0].split("\\.");
    String[] cy = y[0].split("\\.");
    for (int i = 0; i < 3; i++) {
      int c = new BigInteger(cx[i]).compareTo(new BigInteger(cy[i]));
      if (c != 0) {
        return c;
      }
    }
    if (x.length == 1 || y.length == 1) {
      return Integer.compare(y.length, x.length);
    }
    String[] px = x[1].split("\\.");
    String[] py = y[1].split("\\.");
    for (int i = 0; i < Math.min(px.length, py.length); i++) {
      boolean nx = px[i].chars().allMatch(Character::isDigit);
      boolean ny = py[i].chars().allMatch(Character::isDigit);
      int c =
          nx && ny
              ? new BigInteger(px[i]).compareTo(new BigInteger(py[i]))
              : nx != ny ? (nx ? -1 : 1) : px[i].compareTo(py[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(px.length, py.length);
  }

  private static String stripBuild(String version) {
    int plus = version.indexOf('+');
    return plus < 0 ? version : version.substring(0, plus);
  }
}

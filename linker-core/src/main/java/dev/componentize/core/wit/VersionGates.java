package dev.componentize.core.wit;

import java.util.List;

/**
 * WIT.md "Feature Gates": a package that uses {@code @since} or {@code @deprecated} must declare a
 * version, since the gates are compared with it.
 */
final class VersionGates {
  private VersionGates() {}

  /** Fails at the first item of {@code scope} with a version gate. */
  static void requireNone(PackageName pkg, Ast.Items scope) {
    for (Ast.InterfaceDecl i : scope.interfaces()) {
      check(pkg, i.gate(), i.name().span());
      members(pkg, i.members());
    }
    for (Ast.WorldDecl w : scope.worlds()) {
      check(pkg, w.gate(), w.name().span());
      for (Ast.WorldMember m : w.members()) {
        if (m instanceof Ast.UseDecl u) {
          check(pkg, u.gate(), u.path().span());
        } else if (m instanceof Ast.TypeDecl t) {
          type(pkg, t);
        } else if (m instanceof Ast.ExternPath p) {
          check(pkg, p.gate(), p.path().span());
        } else if (m instanceof Ast.ExternFunc f) {
          check(pkg, f.gate(), f.name().span());
        } else if (m instanceof Ast.ExternInline x) {
          check(pkg, x.gate(), x.name().span());
          members(pkg, x.members());
        } else if (m instanceof Ast.IncludeDecl inc) {
          check(pkg, inc.gate(), inc.path().span());
        }
      }
    }
  }

  private static void members(PackageName pkg, List<Ast.InterfaceMember> members) {
    for (Ast.InterfaceMember m : members) {
      if (m instanceof Ast.UseDecl u) {
        check(pkg, u.gate(), u.path().span());
      } else if (m instanceof Ast.TypeDecl t) {
        type(pkg, t);
      } else if (m instanceof Ast.FuncDecl f) {
        check(pkg, f.gate(), f.name().span());
      }
    }
  }

  private static void type(PackageName pkg, Ast.TypeDecl t) {
    check(pkg, t.gate(), t.name().span());
    if (t.body() instanceof Ast.ResourceBody r) {
      for (Ast.ResourceFunc f : r.functions()) {
        check(pkg, f.gate(), f.name().span());
      }
    }
  }

  private static void check(PackageName pkg, Stability gate, SourceSpan at) {
    if (gate.since() != null || gate.deprecated() != null) {
      throw new WitException(
          at,
          "package "
              + pkg
              + " uses a version gate (@since or @deprecated), so it must declare a version"
              + " ('package "
              + pkg
              + "@x.y.z;')");
    }
  }
}

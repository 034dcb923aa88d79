package dev.componentize.core.wit;

import java.nio.file.Path;
import java.util.List;

/**
 * The syntax tree {@link WitParser} builds: what a file says, before names are resolved. Every node
 * that a resolution error can point at carries a {@link SourceSpan}.
 */
final class Ast {
  private Ast() {}

  /** An identifier with its location. */
  record Name(String text, SourceSpan span) {}

  /** A package name as written. */
  record PackageRef(String namespace, String name, String version, SourceSpan span) {
    PackageName toName() {
      return new PackageName(namespace, name, version);
    }
  }

  /**
   * An interface or world reference: a bare {@code name} within the current package, or {@code
   * ns:pkg/name@version} ({@code pkg} non-null) in another.
   */
  record UsePath(PackageRef pkg, Name name) {
    SourceSpan span() {
      return pkg != null ? pkg.span() : name.span();
    }

    @Override
    public String toString() {
      return pkg == null ? name.text() : pkg.toName().qualify(name.text());
    }
  }

  /** A package ready to resolve: its name and the scopes (files or nested blocks) it is made of. */
  record Package(PackageRef name, String docs, List<Items> scopes) {
    Package {
      scopes = List.copyOf(scopes);
    }
  }

  /** One parsed file. */
  record File(Path path, PackageDecl pkg, Items items, List<NestedPackage> nested) {}

  /** {@code package ns:name@version} with the doc comment in front of it. */
  record PackageDecl(PackageRef name, String docs) {}

  /** {@code package ns:name@version { ... }} inside a file. */
  record NestedPackage(PackageDecl decl, Items items) {}

  /**
   * The items of one file (or of one nested package block): the scope of its top-level {@code
   * use}s.
   */
  record Items(
      Path file, List<TopUse> uses, List<InterfaceDecl> interfaces, List<WorldDecl> worlds) {
    Items {
      uses = List.copyOf(uses);
      interfaces = List.copyOf(interfaces);
      worlds = List.copyOf(worlds);
    }
  }

  /** Top-level {@code use path (as alias)?;}. */
  record TopUse(UsePath path, Name alias) {
    Name localName() {
      return alias != null ? alias : path.name();
    }
  }

  record InterfaceDecl(Name name, List<InterfaceMember> members, String docs, Stability gate) {}

  /** What an interface body (or a world's inline interface) may contain. */
  sealed interface InterfaceMember permits UseDecl, TypeDecl, FuncDecl {}

  /** What a world body may contain. */
  sealed interface WorldMember
      permits UseDecl, TypeDecl, ExternPath, ExternFunc, ExternInline, IncludeDecl {}

  /** {@code use path.{a, b as c};}. */
  record UseDecl(UsePath path, List<UseName> names, String docs, Stability gate)
      implements InterfaceMember, WorldMember {}

  record UseName(Name name, Name alias) {
    Name localName() {
      return alias != null ? alias : name;
    }
  }

  record FuncDecl(Name name, FuncType type, String docs, Stability gate)
      implements InterfaceMember {}

  record FuncType(boolean async, List<Param> params, TypeExpr result, SourceSpan span) {}

  record Param(Name name, TypeExpr type) {}

  record TypeDecl(Name name, TypeBody body, String docs, Stability gate)
      implements InterfaceMember, WorldMember {}

  sealed interface TypeBody
      permits RecordBody, VariantBody, EnumBody, FlagsBody, ResourceBody, AliasBody {}

  record RecordBody(List<Field> fields) implements TypeBody {}

  record Field(Name name, TypeExpr type, String docs) {}

  record VariantBody(List<Case> cases) implements TypeBody {}

  /** A variant case; {@code payload} may be {@code null}. */
  record Case(Name name, TypeExpr payload, String docs) {}

  record EnumBody(List<Label> cases) implements TypeBody {}

  record FlagsBody(List<Label> flags) implements TypeBody {}

  record Label(Name name, String docs) {}

  record ResourceBody(List<ResourceFunc> functions) implements TypeBody {}

  enum ResourceFuncKind {
    METHOD,
    STATIC,
    CONSTRUCTOR
  }

  /** A constructor (named after the {@code constructor} keyword), method or static function. */
  record ResourceFunc(
      ResourceFuncKind kind, Name name, FuncType type, String docs, Stability gate) {}

  record AliasBody(TypeExpr target) implements TypeBody {}

  /** A type expression as written. */
  sealed interface TypeExpr
      permits PrimitiveExpr,
          NameExpr,
          ListExpr,
          MapExpr,
          OptionExpr,
          ResultExpr,
          TupleExpr,
          HandleExpr,
          FutureExpr,
          StreamExpr {
    SourceSpan span();
  }

  record PrimitiveExpr(Type.Primitive primitive, SourceSpan span) implements TypeExpr {}

  record NameExpr(Name name) implements TypeExpr {
    @Override
    public SourceSpan span() {
      return name.span();
    }
  }

  /** {@code list<T>}, or {@code list<T, size>} when {@code size} is non-null. */
  record ListExpr(TypeExpr element, Integer size, SourceSpan span) implements TypeExpr {}

  record MapExpr(TypeExpr key, TypeExpr value, SourceSpan span) implements TypeExpr {}

  record OptionExpr(TypeExpr some, SourceSpan span) implements TypeExpr {}

  record ResultExpr(TypeExpr ok, TypeExpr err, SourceSpan span) implements TypeExpr {}

  record TupleExpr(List<TypeExpr> elements, SourceSpan span) implements TypeExpr {}

  record HandleExpr(Type.HandleKind kind, Name resource, SourceSpan span) implements TypeExpr {}

  record FutureExpr(TypeExpr payload, SourceSpan span) implements TypeExpr {}

  record StreamExpr(TypeExpr payload, SourceSpan span) implements TypeExpr {}

  record WorldDecl(Name name, List<WorldMember> members, String docs, Stability gate) {}

  /**
   * {@code import path;} or {@code export path;}, or with a plain name ({@code import name: path;},
   * then {@code plainName} is non-null).
   */
  record ExternPath(boolean export, Name plainName, UsePath path, String docs, Stability gate)
      implements WorldMember {}

  /** {@code import name: func(...);} or the export form. */
  record ExternFunc(boolean export, Name name, FuncType type, String docs, Stability gate)
      implements WorldMember {}

  /** {@code import name: interface { ... }} or the export form. */
  record ExternInline(
      boolean export, Name name, List<InterfaceMember> members, String docs, Stability gate)
      implements WorldMember {}

  /** {@code include path (with { a as b, ... })?;}. */
  record IncludeDecl(UsePath path, List<IncludeName> renames, Stability gate)
      implements WorldMember {}

  record IncludeName(Name name, Name as) {}
}

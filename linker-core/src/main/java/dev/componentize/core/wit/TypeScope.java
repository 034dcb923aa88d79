package dev.componentize.core.wit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The named types of one interface or world: {@code use}d names, declared types (resolved in
 * dependency order, so a type's id is always greater than the ids it refers to) and the names
 * functions take, which share the namespace.
 */
final class TypeScope {
  private final WitResolver resolver;
  private final List<TypeDef> types;
  private final List<Interface> interfaces;
  private final TypeOwner owner;
  private final WitResolver.PackageEntry pkg;
  private final Ast.Items fileScope;
  private final Map<String, SourceSpan> names = new HashMap<>();

  /** The names of {@link #names} by {@link Names#key}, to find those that differ only in case. */
  private final Map<String, Ast.Name> caseless = new HashMap<>();

  private final Map<String, Ast.TypeDecl> decls = new LinkedHashMap<>();
  private final Map<String, TypeId> resolved = new HashMap<>();
  private final List<String> order = new ArrayList<>();
  private final Set<String> inProgress = new HashSet<>();

  /**
   * Where the feature uses found while resolving go: the list of the definition or function being
   * resolved (swapped in and out as one definition's resolution resolves another).
   */
  private List<FeatureUse> features = new ArrayList<>();

  /** How many unsupported constructs enclose the type being resolved; only the outermost counts. */
  private int insideFeature;

  TypeScope(
      WitResolver resolver, TypeOwner owner, WitResolver.PackageEntry pkg, Ast.Items fileScope) {
    this.resolver = resolver;
    this.types = resolver.types;
    this.interfaces = resolver.interfaces;
    this.owner = owner;
    this.pkg = pkg;
    this.fileScope = fileScope;
  }

  void reserve(Ast.Name name) {
    SourceSpan previous = names.putIfAbsent(name.text(), name.span());
    if (previous != null) {
      throw new WitException(
          name.span(), "name '" + name.text() + "' is already defined (at " + previous + ")");
    }
    Names.requireDistinct(caseless, name, "name");
  }

  void use(Ast.UseDecl use) {
    InterfaceId source =
        resolver.resolveInterface(resolver.lookupInterface(pkg, fileScope, use.path()));
    Interface from = interfaces.get(source.index());
    for (Ast.UseName n : use.names()) {
      TypeId target = from.types().get(n.name().text());
      if (target == null) {
        throw new WitException(
            n.name().span(),
            "type '"
                + n.name().text()
                + "' not found in interface "
                + use.path()
                + " (types there: "
                + WitResolver.names(from.types().keySet())
                + ")");
      }
      Ast.Name local = n.localName();
      reserve(local);
      TypeId id =
          add(
              local,
              new TypeDefKind.Alias(new Type.Named(target)),
              use.docs(),
              use.gate(),
              List.of());
      resolved.put(local.text(), id);
      order.add(local.text());
    }
  }

  void declare(Ast.TypeDecl decl) {
    reserve(decl.name());
    decls.put(decl.name().text(), decl);
    order.add(decl.name().text());
  }

  void resolveAll() {
    for (Ast.TypeDecl decl : decls.values()) {
      named(decl.name());
    }
  }

  /** The declaration of {@code name}, or {@code null} for a {@code use}d name. */
  Ast.TypeDecl declaration(String name) {
    return decls.get(name);
  }

  SourceSpan spanOf(String name) {
    return names.get(name);
  }

  /**
   * Names in the order wit-parser lists them (and so {@code wasm-tools component wit} prints them):
   * {@code use}d names first, then declarations in source order, except that one that refers to a
   * declaration not yet listed is held back and listed as soon as the last of those is.
   */
  Map<String, TypeId> ordered() {
    Map<String, TypeId> result = new LinkedHashMap<>();
    for (String name : order) {
      if (!decls.containsKey(name)) {
        result.put(name, resolved.get(name));
      }
    }
    Map<String, Set<String>> deps = new HashMap<>();
    for (Ast.TypeDecl decl : decls.values()) {
      Set<String> refs = new HashSet<>();
      TypeRefs.collect(decl.body(), refs);
      refs.retainAll(decls.keySet());
      refs.remove(decl.name().text());
      deps.put(decl.name().text(), refs);
    }
    // Who depends on each name, in declaration order: a listed name then wakes only its own
    // dependents instead of scanning every declaration, which made this quadratic.
    Map<String, List<String>> dependents = new HashMap<>();
    for (String name : decls.keySet()) {
      for (String dep : deps.get(name)) {
        dependents.computeIfAbsent(dep, k -> new ArrayList<>()).add(name);
      }
    }
    Set<String> seen = new HashSet<>();
    for (String name : decls.keySet()) {
      seen.add(name);
      emitWhenReady(name, deps, dependents, seen, result);
    }
    return result;
  }

  /**
   * Lists {@code name} if its dependencies are listed, then any held-back dependents. Recursion is
   * as deep as a chain of held-back types, which {@link TypeDepth#MAX} bounds.
   */
  private void emitWhenReady(
      String name,
      Map<String, Set<String>> deps,
      Map<String, List<String>> dependents,
      Set<String> seen,
      Map<String, TypeId> result) {
    if (result.containsKey(name) || !result.keySet().containsAll(deps.get(name))) {
      return;
    }
    result.put(name, resolved.get(name));
    for (String dependent : dependents.getOrDefault(name, List.of())) {
      if (seen.contains(dependent)) {
        emitWhenReady(dependent, deps, dependents, seen, result);
      }
    }
  }

  private TypeId add(
      Ast.Name name, TypeDefKind kind, String docs, Stability gate, List<FeatureUse> uses) {
    int depth = TypeDepth.of(kind, resolver.typeDepths);
    if (depth > TypeDepth.MAX) {
      throw tooDeep(name);
    }
    TypeId id = new TypeId(types.size());
    types.add(new TypeDef(id, name.text(), kind, owner, docs, gate, name.span(), uses));
    resolver.typeDepths.add(depth);
    return id;
  }

  private static WitException tooDeep(Ast.Name name) {
    return new WitException(
        name.span(),
        "type '"
            + name.text()
            + "' nests more than "
            + TypeDepth.MAX
            + " types deep (records, variants, aliases, lists, options, results and tuples"
            + " inside one another); flatten the type");
  }

  /** The id of the type {@code ref} names, resolving its declaration first if needed. */
  private TypeId named(Ast.Name ref) {
    TypeId id = resolved.get(ref.text());
    if (id != null) {
      return id;
    }
    Ast.TypeDecl decl = decls.get(ref.text());
    if (decl == null) {
      throw new WitException(ref.span(), "unknown type '" + ref.text() + "'");
    }
    if (!inProgress.add(ref.text())) {
      throw new WitException(
          decl.name().span(),
          "type '" + ref.text() + "' refers to itself (types cannot be" + " recursive)");
    }
    // Each type still being resolved contains the next, so this chain is a lower bound on the
    // first one's depth; stopping here also bounds this method's own recursion.
    if (inProgress.size() > TypeDepth.MAX) {
      throw tooDeep(decl.name());
    }
    List<FeatureUse> outer = features;
    features = new ArrayList<>();
    TypeDefKind kind = body(decl);
    List<FeatureUse> uses = features;
    features = outer;
    inProgress.remove(ref.text());
    id = add(decl.name(), kind, decl.docs(), decl.gate(), uses);
    resolved.put(ref.text(), id);
    return id;
  }

  private TypeDefKind body(Ast.TypeDecl decl) {
    Ast.TypeBody body = decl.body();
    if (body instanceof Ast.AliasBody a) {
      // `type r2 = r;` names the resource itself, not a handle to it.
      return new TypeDefKind.Alias(
          a.target() instanceof Ast.NameExpr n
              ? new Type.Named(named(n.name()))
              : type(a.target()));
    }
    if (body instanceof Ast.RecordBody r) {
      Set<String> seen = new HashSet<>();
      List<TypeDefKind.Field> fields = new ArrayList<>();
      for (Ast.Field f : r.fields()) {
        unique(seen, f.name(), "field");
        fields.add(new TypeDefKind.Field(f.name().text(), type(f.type()), f.docs()));
      }
      return new TypeDefKind.Record(fields);
    }
    if (body instanceof Ast.VariantBody v) {
      Set<String> seen = new HashSet<>();
      List<TypeDefKind.Case> cases = new ArrayList<>();
      for (Ast.Case c : v.cases()) {
        unique(seen, c.name(), "case");
        Type payload = c.payload() == null ? null : type(c.payload());
        cases.add(new TypeDefKind.Case(c.name().text(), payload, c.docs()));
      }
      return new TypeDefKind.Variant(cases);
    }
    if (body instanceof Ast.EnumBody e) {
      return new TypeDefKind.Enum(labels(e.cases(), "case"));
    }
    if (body instanceof Ast.FlagsBody f) {
      return new TypeDefKind.Flags(labels(f.flags(), "flag"));
    }
    return new TypeDefKind.Resource();
  }

  private List<TypeDefKind.Label> labels(List<Ast.Label> labels, String what) {
    Set<String> seen = new HashSet<>();
    List<TypeDefKind.Label> result = new ArrayList<>();
    for (Ast.Label l : labels) {
      unique(seen, l.name(), what);
      result.add(new TypeDefKind.Label(l.name().text(), l.docs()));
    }
    return result;
  }

  /** Fields, cases, flags, parameters and resource functions: unique, ignoring case. */
  private void unique(Set<String> seen, Ast.Name name, String what) {
    if (!seen.add(name.text())) {
      throw new WitException(name.span(), "duplicate " + what + " '" + name.text() + "'");
    }
    // Case-folded keys share the set, marked so that they never equal a name as written.
    if (!seen.add("\0" + Names.key(name.text()))) {
      throw new WitException(
          name.span(),
          what
              + " '"
              + name.text()
              + "' differs only in case from another "
              + what
              + " of the same item; WIT names must differ in more than case");
    }
  }

  Type type(Ast.TypeExpr e) {
    FeatureUse.Feature feature = featureOf(e);
    if (feature == null) {
      return resolveType(e);
    }
    if (insideFeature == 0) {
      features.add(new FeatureUse(feature, TypeText.of(e), e.span()));
    }
    insideFeature++;
    try {
      return resolveType(e);
    } finally {
      insideFeature--;
    }
  }

  private static FeatureUse.Feature featureOf(Ast.TypeExpr e) {
    if (e instanceof Ast.PrimitiveExpr p && p.primitive() == Type.Primitive.ERROR_CONTEXT) {
      return FeatureUse.Feature.ERROR_CONTEXT;
    } else if (e instanceof Ast.StreamExpr) {
      return FeatureUse.Feature.STREAM;
    } else if (e instanceof Ast.FutureExpr) {
      return FeatureUse.Feature.FUTURE;
    } else if (e instanceof Ast.MapExpr) {
      return FeatureUse.Feature.MAP;
    } else if (e instanceof Ast.ListExpr l && l.size() != null) {
      return FeatureUse.Feature.FIXED_SIZE_LIST;
    }
    return null;
  }

  private Type resolveType(Ast.TypeExpr e) {
    if (e instanceof Ast.PrimitiveExpr p) {
      return p.primitive();
    }
    if (e instanceof Ast.NameExpr n) {
      TypeId id = named(n.name());
      return isResource(id) ? new Type.Handle(Type.HandleKind.OWN, id) : new Type.Named(id);
    }
    if (e instanceof Ast.HandleExpr h) {
      TypeId id = named(h.resource());
      if (!isResource(id)) {
        throw new WitException(
            h.resource().span(),
            "'"
                + h.resource().text()
                + "' is not a resource, so it has no "
                + (h.kind() == Type.HandleKind.OWN ? "own" : "borrow")
                + " handle");
      }
      return new Type.Handle(h.kind(), id);
    }
    if (e instanceof Ast.ListExpr l) {
      Type element = type(l.element());
      return l.size() == null
          ? new Type.ListType(element)
          : new Type.FixedListType(element, l.size());
    }
    if (e instanceof Ast.MapExpr m) {
      return new Type.MapType(type(m.key()), type(m.value()));
    }
    if (e instanceof Ast.OptionExpr o) {
      return new Type.OptionType(type(o.some()));
    }
    if (e instanceof Ast.ResultExpr r) {
      return new Type.ResultType(
          r.ok() == null ? null : type(r.ok()), r.err() == null ? null : type(r.err()));
    }
    if (e instanceof Ast.TupleExpr t) {
      List<Type> elements = new ArrayList<>();
      for (Ast.TypeExpr x : t.elements()) {
        elements.add(type(x));
      }
      return new Type.TupleType(elements);
    }
    if (e instanceof Ast.FutureExpr f) {
      return new Type.FutureType(f.payload() == null ? null : type(f.payload()));
    }
    Ast.StreamExpr s = (Ast.StreamExpr) e;
    return new Type.StreamType(s.payload() == null ? null : type(s.payload()));
  }

  private boolean isResource(TypeId id) {
    return Resolve.unalias(types, id).kind() instanceof TypeDefKind.Resource;
  }

  Function function(Ast.Name name, Ast.FuncType type, String docs, Stability gate) {
    List<FeatureUse> uses = startFunction(type);
    List<Function.Param> params = params(type, new ArrayList<>(), new HashSet<>());
    Type result = type.result() == null ? null : type(type.result());
    Borrows.requireNoneInResult(types, result, name.text(), type);
    return new Function(
        name.text(),
        name.text(),
        new FunctionKind.Freestanding(),
        params,
        result,
        type.async(),
        docs,
        gate,
        name.span(),
        uses);
  }

  /** Starts collecting the feature uses of a function's signature into the list returned. */
  private List<FeatureUse> startFunction(Ast.FuncType type) {
    features = new ArrayList<>();
    if (type.async()) {
      features.add(new FeatureUse(FeatureUse.Feature.ASYNC_FUNCTION, "async func", type.span()));
    }
    return features;
  }

  private List<Function.Param> params(
      Ast.FuncType type, List<Function.Param> params, Set<String> seen) {
    for (Function.Param p : params) {
      seen.add(p.name());
    }
    for (Ast.Param p : type.params()) {
      unique(seen, p.name(), "parameter");
      params.add(new Function.Param(p.name().text(), type(p.type())));
    }
    return params;
  }

  /** The desugared functions of a resource declaration (WIT.md, "Item: resource"). */
  List<Function> resourceFunctions(Ast.TypeDecl decl) {
    List<Function> result = new ArrayList<>();
    if (!(decl.body() instanceof Ast.ResourceBody body)) {
      return result;
    }
    String resource = decl.name().text();
    TypeId id = resolved.get(resource);
    Set<String> seen = new HashSet<>();
    for (Ast.ResourceFunc f : body.functions()) {
      if (!resolver.enabled(f.gate())) {
        continue;
      }
      if (f.kind() != Ast.ResourceFuncKind.CONSTRUCTOR
          && Names.key(f.name().text()).equals(Names.key(resource))) {
        // Explainer.md "Name uniqueness": `l` and `[method]l.l` (or `[static]l.l`) are not
        // strongly-unique, and the resource's own name `l` is in the same scope.
        throw new WitException(
            f.name().span(),
            "function '"
                + f.name().text()
                + "' of resource '"
                + resource
                + "' has the resource's own name, so its component name ["
                + (f.kind() == Ast.ResourceFuncKind.STATIC ? "static" : "method")
                + "]"
                + resource
                + "."
                + f.name().text()
                + " clashes with the resource; rename the function");
      }
      Ast.FuncType type = f.type();
      List<FeatureUse> uses = startFunction(type);
      List<Function.Param> params = new ArrayList<>();
      FunctionKind kind;
      String externName;
      Type result1;
      switch (f.kind()) {
        case CONSTRUCTOR -> {
          if (!seen.add("[constructor]")) {
            throw new WitException(
                f.name().span(), "resource '" + resource + "' has more than one constructor");
          }
          kind = new FunctionKind.Constructor(id);
          externName = "[constructor]" + resource;
          result1 = constructorResult(f, id, resource);
        }
        case STATIC -> {
          unique(seen, f.name(), "function");
          kind = new FunctionKind.Static(id);
          externName = "[static]" + resource + "." + f.name().text();
          result1 = type.result() == null ? null : type(type.result());
        }
        default -> {
          unique(seen, f.name(), "function");
          kind = new FunctionKind.Method(id);
          externName = "[method]" + resource + "." + f.name().text();
          params.add(new Function.Param("self", new Type.Handle(Type.HandleKind.BORROW, id)));
          result1 = type.result() == null ? null : type(type.result());
        }
      }
      params(type, params, new HashSet<>());
      Borrows.requireNoneInResult(types, result1, externName, type);
      String name = f.kind() == Ast.ResourceFuncKind.CONSTRUCTOR ? resource : f.name().text();
      result.add(
          new Function(
              name,
              externName,
              kind,
              params,
              result1,
              type.async(),
              f.docs(),
              f.gate(),
              f.name().span(),
              uses));
    }
    return result;
  }

  /**
   * A constructor returns an owned handle; a fallible one declares {@code result<r, E>} (WIT.md,
   * "Item: resource").
   */
  private Type constructorResult(Ast.ResourceFunc f, TypeId id, String resource) {
    Type own = new Type.Handle(Type.HandleKind.OWN, id);
    if (f.type().result() == null) {
      return own;
    }
    Type declared = type(f.type().result());
    if (declared instanceof Type.ResultType r && own.equals(r.ok())) {
      return declared;
    }
    throw new WitException(
        f.type().result().span(),
        "a constructor may only return result<"
            + resource
            + "> or result<"
            + resource
            + ", error-type>");
  }
}

package dev.componentize.core.component.types;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A WIT interface as the component model sees it: an instance type that exports named types,
 * resources and functions, imported or exported under its full name (Explainer.md, "Import and
 * Export Definitions": {@code interfacename ::= namespace:package/interface[@version]}, e.g. {@code
 * wasi:cli/run@0.2.6}).
 *
 * <p>{@code types} lists the types the interface itself declares (and those it re-exports through
 * WIT {@code use}), in declaration order; types owned by other interfaces that its functions merely
 * mention are found by the encoder.
 */
public record InterfaceType(
    String name, List<ExportedType> types, List<ComponentFunction> functions)
    implements ComponentWorldItem {
  private static final String WORD = "[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*";
  private static final Pattern NAME =
      Pattern.compile(
          WORD
              + ":"
              + WORD
              + "(?:/"
              + WORD
              + ")+(?:@[0-9]+\\.[0-9]+\\.[0-9]+(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?)?");

  public InterfaceType {
    types = List.copyOf(types);
    functions = List.copyOf(functions);
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not an interface name (ns:pkg/iface@x.y.z): " + name);
    }
    Set<String> names = new HashSet<>();
    for (ExportedType type : types) {
      if (!names.add(type.name().name())) {
        throw new IllegalArgumentException(
            "duplicate type '" + type.name().name() + "' in " + name);
      }
    }
    for (ComponentFunction function : functions) {
      if (!names.add(function.name())) {
        throw new IllegalArgumentException("duplicate name '" + function.name() + "' in " + name);
      }
    }
  }

  /** True if {@code name} is a well-formed interface name. */
  public static boolean isInterfaceName(String name) {
    return NAME.matcher(name).matches();
  }
}

package dev.componentize.core.wit;

/**
 * A package name {@code namespace:name@version} (WIT.md, "Package Names").
 *
 * @param namespace e.g. {@code wasi}
 * @param name e.g. {@code cli}
 * @param version a semantic version such as {@code 0.2.12}, or {@code null}
 */
public record PackageName(String namespace, String name, String version) {

  /** The component-level name of an interface or world of this package: {@code ns:pkg/x@ver}. */
  public String qualify(String item) {
    return namespace + ":" + name + "/" + item + (version == null ? "" : "@" + version);
  }

  /** Whether {@code other} has the same namespace and name, whatever the versions. */
  public boolean sameUnversioned(PackageName other) {
    return namespace.equals(other.namespace) && name.equals(other.name);
  }

  @Override
  public String toString() {
    return namespace + ":" + name + (version == null ? "" : "@" + version);
  }
}

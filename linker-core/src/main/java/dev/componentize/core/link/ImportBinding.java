package dev.componentize.core.link;

/**
 * Where one import of a program instance is satisfied from.
 *
 * @param module the import's module name (e.g. {@code env})
 * @param name the import's field name
 * @param source an export of an earlier instance, or an import of the whole program
 */
public record ImportBinding(String module, String name, Source source) {

  /** The provider of an import. */
  public sealed interface Source permits FromInstance, External {}

  /** The export {@code export} of the earlier program instance {@code instance}. */
  public record FromInstance(String instance, String export) implements Source {}

  /**
   * Left to whoever runs the program (WASI preview1, the component's imports): the program imports
   * {@code module}.{@code name} itself.
   */
  public record External(String module, String name) implements Source {}
}

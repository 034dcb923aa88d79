package dev.componentize.core.link;

import java.util.List;
import java.util.Optional;

/**
 * The linker's output: instances to create in order, each import wired to an earlier instance's
 * export or left to the host.
 *
 * @param instances {@code main} first, then the libraries in dependency order, then {@code init}
 * @param layout where each library's memory and table regions were placed
 * @param dlOpenable the names {@code dlopen} answers to, sorted
 * @param stubbed functions that no library defined and that trap when called, as {@code library
 *     needs symbol (type)}
 */
public record LinkedProgram(
    List<ProgramInstance> instances, Layout layout, List<String> dlOpenable, List<String> stubbed) {
  public LinkedProgram {
    instances = List.copyOf(instances);
    dlOpenable = List.copyOf(dlOpenable);
    stubbed = List.copyOf(stubbed);
  }

  /** The instance called {@code name}. */
  public Optional<ProgramInstance> instance(String name) {
    return instances.stream().filter(i -> i.name().equals(name)).findFirst();
  }

  /** Every import the program leaves to its host, without duplicates, in first-use order. */
  public List<ImportBinding.External> externalImports() {
    return instances.stream()
        .flatMap(i -> i.imports().stream())
        .map(ImportBinding::source)
        .filter(ImportBinding.External.class::isInstance)
        .map(ImportBinding.External.class::cast)
        .distinct()
        .toList();
  }
}

package dev.componentize.core.link;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders libraries so that each comes after the libraries it needs, where cycles allow.
 *
 * <p>Depth first over the {@code needed} lists, roots in input order; a library already on the
 * current path (a cycle) is not revisited, so the edge that closes the cycle points forward and the
 * linker serves it with a trampoline.
 */
final class DependencyOrder {
  private DependencyOrder() {}

  /**
   * @param needed for each library, in input order, the names it needs (all present as keys)
   * @return the names in instantiation order
   */
  static List<String> of(Map<String, List<String>> needed) {
    List<String> order = new ArrayList<>(needed.size());
    Set<String> seen = new HashSet<>();
    for (String root : needed.keySet()) {
      visit(root, needed, seen, order);
    }
    return order;
  }

  private static void visit(
      String library, Map<String, List<String>> needed, Set<String> seen, List<String> order) {
    // Iterative DFS: dependency chains in real programs are short, but recursion depth would be
    // bounded only by the input, and inputs are untrusted.
    record Frame(String name, int next) {}
    if (!seen.add(library)) {
      return;
    }
    List<Frame> stack = new ArrayList<>();
    stack.add(new Frame(library, 0));
    while (!stack.isEmpty()) {
      Frame top = stack.remove(stack.size() - 1);
      List<String> deps = needed.getOrDefault(top.name(), List.of());
      if (top.next() < deps.size()) {
        stack.add(new Frame(top.name(), top.next() + 1));
        String dep = deps.get(top.next());
        if (seen.add(dep)) {
          stack.add(new Frame(dep, 0));
        }
      } else {
        order.add(top.name());
      }
    }
  }

  /**
   * The order in which symbol definitions are searched, as an ELF dynamic linker does: the
   * libraries nothing else needs (the program's roots) in input order, then breadth first through
   * their {@code needed} lists; libraries reached by neither (cycles only) last, in input order. A
   * program's own definitions therefore win over a library's default (e.g. a libc's weak {@code
   * __main_argc_argv}).
   */
  static List<String> lookupScope(Map<String, List<String>> needed) {
    Set<String> neededByOthers = new HashSet<>();
    needed.forEach(
        (library, deps) -> {
          for (String dep : deps) {
            if (!dep.equals(library)) {
              neededByOthers.add(dep);
            }
          }
        });
    List<String> scope = new ArrayList<>(needed.size());
    Set<String> seen = new HashSet<>();
    for (String library : needed.keySet()) {
      if (!neededByOthers.contains(library) && seen.add(library)) {
        scope.add(library);
      }
    }
    for (int i = 0; i < scope.size(); i++) {
      for (String dep : needed.getOrDefault(scope.get(i), List.of())) {
        if (seen.add(dep)) {
          scope.add(dep);
        }
      }
    }
    for (String library : needed.keySet()) {
      if (seen.add(library)) {
        scope.add(library);
      }
    }
    return scope;
  }
}

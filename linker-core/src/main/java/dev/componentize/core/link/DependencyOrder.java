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
}

package dev.componentize.core.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DependencyOrderTest {

  private static Map<String, List<String>> graph(String... edges) {
    Map<String, List<String>> graph = new LinkedHashMap<>();
    for (String edge : edges) {
      String[] parts = edge.split("->", -1);
      List<String> deps = parts[1].isEmpty() ? List.of() : List.of(parts[1].split(","));
      graph.put(parts[0], deps);
    }
    return graph;
  }

  @Test
  void dependenciesComeBeforeTheLibrariesThatNeedThem() {
    var order =
        DependencyOrder.of(
            graph("main->libpython", "libpython->libc,libdl", "libdl->libc", "libc->"));
    assertEquals(List.of("libc", "libdl", "libpython", "main"), order);
  }

  @Test
  void independentRootsKeepInputOrder() {
    assertEquals(List.of("b", "a", "c"), DependencyOrder.of(graph("b->", "a->", "c->")));
  }

  @Test
  void aCycleIsCutWhereItCloses() {
    // a needs b, b needs a: b is visited from a, its edge back to a points forward.
    assertEquals(List.of("b", "a"), DependencyOrder.of(graph("a->b", "b->a")));
  }

  @Test
  void deepChainsDoNotOverflowTheStack() {
    String[] edges = new String[100_000];
    for (int i = 0; i < edges.length; i++) {
      edges[i] = "l" + i + "->" + (i + 1 < edges.length ? "l" + (i + 1) : "");
    }
    var order = DependencyOrder.of(graph(edges));
    assertEquals("l99999", order.get(0));
    assertEquals("l0", order.get(order.size() - 1));
  }

  @Test
  void theLookupScopeStartsAtTheRootsAndGoesBreadthFirst() {
    var scope =
        DependencyOrder.lookupScope(
            graph("libc->", "main->libpython", "libpython->libc,libdl", "libdl->libc", "ext->"));
    assertEquals(List.of("main", "ext", "libpython", "libc", "libdl"), scope);
  }

  @Test
  void librariesOnlyInCyclesComeLastInTheLookupScope() {
    assertEquals(List.of("c", "a", "b"), DependencyOrder.lookupScope(graph("a->b", "b->a", "c->")));
  }
}

package dev.phalanx.secrets.tests.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.generators.StandardGenerators;
import dev.phalanx.secrets.onepassword.OnePasswordSourceProvider;
import dev.phalanx.secrets.testkit.InMemorySecretStore;
import dev.phalanx.secrets.vault.VaultSecretStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.spi.ToolProvider;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * No package cycle in the library modules (docs/ARCHITECTURE.md, "Package dependencies"): the
 * compiled classes of every library module are read with the JDK's {@code jdeps} and the package
 * graph's strongly connected components found with Tarjan's algorithm.
 */
class PackageCycleTest {

  /** One class of every library module: where its compiled classes (or jar) are. */
  private static final List<Class<?>> LIBRARY_MODULES =
      List.of(
          SecretValue.class, // secrets-core
          StandardGenerators.class, // secrets-generators
          VaultSecretStore.class, // secrets-vault
          OnePasswordSourceProvider.class, // secrets-onepassword
          InMemorySecretStore.class); // secrets-testkit

  /**
   * Cycles that exist today and are tolerated until they are broken, each as its sorted set of
   * packages. Empty: {@code model ⇄ spi} in secrets-core (model.GenerateRule used
   * spi.GeneratorOption) was broken by moving {@code dependencyKeys} to {@code GeneratorOption}.
   * This list must only shrink; a cycle not listed here fails the test.
   */
  private static final Set<Set<String>> KNOWN_CYCLES = Set.of();

  @Test
  @DisplayName("the library modules have no package cycle beyond the known, listed ones")
  void noNewPackageCycle() {
    SortedMap<String, SortedSet<String>> graph = packageGraph();
    assertThat(graph.keySet())
        .as("the scan saw the library packages")
        .contains(
            "dev.phalanx.secrets",
            "dev.phalanx.secrets.engine",
            "dev.phalanx.secrets.spi",
            "dev.phalanx.secrets.generators",
            "dev.phalanx.secrets.vault",
            "dev.phalanx.secrets.onepassword",
            "dev.phalanx.secrets.testkit");
    assertThat(graph.get("dev.phalanx.secrets.engine"))
        .as("the scan saw the edges")
        .contains("dev.phalanx.secrets.spi", "dev.phalanx.secrets.model");

    List<Set<String>> cycles = cycles(graph);

    List<String> unknown = new ArrayList<>();
    for (Set<String> cycle : cycles) {
      if (!KNOWN_CYCLES.contains(cycle)) {
        unknown.add(describe(cycle, graph));
      }
    }
    assertThat(unknown).as("package cycles (edges inside each cycle)").isEmpty();
    for (Set<String> known : KNOWN_CYCLES) {
      assertThat(cycles)
          .as("known cycle %s is gone: remove it from KNOWN_CYCLES", known)
          .contains(known);
    }
  }

  @Test
  @DisplayName("the cycle finder finds every cycle of a graph and nothing else")
  void cycleFinder() {
    SortedMap<String, SortedSet<String>> graph = new TreeMap<>();
    edge(graph, "a", "b");
    edge(graph, "b", "c");
    edge(graph, "c", "a");
    edge(graph, "c", "d");
    edge(graph, "d", "e");
    edge(graph, "e", "d");
    edge(graph, "e", "f");
    edge(graph, "f", "f"); // a self-dependency is not a cycle between packages

    assertThat(cycles(graph)).containsExactlyInAnyOrder(Set.of("a", "b", "c"), Set.of("d", "e"));
    assertThat(describe(Set.of("d", "e"), graph)).isEqualTo("[d, e]: d -> e, e -> d");
  }

  /** Package to the packages it depends on, within the library (the project's own packages). */
  static SortedMap<String, SortedSet<String>> packageGraph() {
    ToolProvider jdeps =
        ToolProvider.findFirst("jdeps")
            .orElseThrow(() -> new AssertionError("jdeps is missing: run the tests on a JDK"));
    List<String> args = new ArrayList<>(List.of("-verbose:package", "-filter:none"));
    for (Class<?> type : LIBRARY_MODULES) {
      args.add(location(type).toString());
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status;
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      status = jdeps.run(o, e, args.toArray(String[]::new));
    }
    assertThat(status).as("jdeps %s: %s", args, err.toString(StandardCharsets.UTF_8)).isZero();
    SortedMap<String, SortedSet<String>> graph = new TreeMap<>();
    for (String line : out.toString(StandardCharsets.UTF_8).lines().toList()) {
      // "   dev.phalanx.secrets.engine  -> dev.phalanx.secrets.model  secrets-core-0.1.0.jar"
      String[] f = line.trim().split("\\s+");
      if (f.length >= 3
          && f[1].equals("->")
          && f[0].startsWith("dev.phalanx.secrets")
          && f[2].startsWith("dev.phalanx.secrets")) {
        edge(graph, f[0], f[2]);
      }
    }
    return graph;
  }

  private static Path location(Class<?> type) {
    try {
      Path path = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
      assertThat(Files.exists(path)).as("classes of %s at %s", type, path).isTrue();
      return path;
    } catch (URISyntaxException e) {
      throw new AssertionError(e);
    }
  }

  private static void edge(SortedMap<String, SortedSet<String>> graph, String from, String to) {
    graph.computeIfAbsent(from, k -> new TreeSet<>()).add(to);
    graph.computeIfAbsent(to, k -> new TreeSet<>());
  }

  /** The strongly connected components of more than one package (Tarjan), each sorted. */
  static List<Set<String>> cycles(SortedMap<String, SortedSet<String>> graph) {
    return new Tarjan(graph).run();
  }

  /** A cycle with the edges between its packages, for the failure message. */
  static String describe(Set<String> cycle, Map<String, SortedSet<String>> graph) {
    List<String> edges = new ArrayList<>();
    for (String from : new TreeSet<>(cycle)) {
      for (String to : graph.get(from)) {
        if (!to.equals(from) && cycle.contains(to)) {
          edges.add(from + " -> " + to);
        }
      }
    }
    return new TreeSet<>(cycle) + ": " + String.join(", ", edges);
  }

  private static final class Tarjan {
    private final SortedMap<String, SortedSet<String>> graph;
    private final Map<String, Integer> index = new TreeMap<>();
    private final Map<String, Integer> low = new TreeMap<>();
    private final List<String> stack = new ArrayList<>();
    private final Set<String> onStack = new TreeSet<>();
    private final List<Set<String>> components = new ArrayList<>();

    Tarjan(SortedMap<String, SortedSet<String>> graph) {
      this.graph = graph;
    }

    List<Set<String>> run() {
      for (String node : graph.keySet()) {
        if (!index.containsKey(node)) {
          visit(node);
        }
      }
      return components;
    }

    private void visit(String node) {
      index.put(node, index.size());
      low.put(node, index.get(node));
      stack.add(node);
      onStack.add(node);
      for (String next : graph.get(node)) {
        if (!index.containsKey(next)) {
          visit(next);
          low.put(node, Math.min(low.get(node), low.get(next)));
        } else if (onStack.contains(next)) {
          low.put(node, Math.min(low.get(node), index.get(next)));
        }
      }
      if (low.get(node).equals(index.get(node))) {
        Set<String> component = new TreeSet<>();
        String member;
        do {
          member = stack.remove(stack.size() - 1);
          onStack.remove(member);
          component.add(member);
        } while (!member.equals(node));
        if (component.size() > 1) {
          components.add(component);
        }
      }
    }
  }
}

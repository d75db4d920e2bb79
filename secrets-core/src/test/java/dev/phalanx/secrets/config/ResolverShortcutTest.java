package dev.phalanx.secrets.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.testing.SharedTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * The YAML type resolver's shortcut (no pattern run where none can match) gives every plain scalar
 * the type the full PyYAML resolution gives it: booleans, nulls, numbers, timestamps, merge keys
 * and strings alike.
 */
@DisplayName("The YAML type resolver's shortcut")
class ResolverShortcutTest {

  /** The same implicit types, resolved by SnakeYAML's own loop over every pattern. */
  static final class Full extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      YamlDocument.PyYamlResolver.addPyYamlTypes(this);
    }
  }

  private static void assertSame(Iterable<String> values) {
    Resolver shortcut = new YamlDocument.PyYamlResolver();
    Resolver full = new Full();
    int n = 0;
    for (String v : values) {
      for (boolean implicit : new boolean[] {true, false}) {
        assertThat(shortcut.resolve(NodeId.scalar, v, implicit))
            .as("'%s' (implicit %s)", v, implicit)
            .isEqualTo(full.resolve(NodeId.scalar, v, implicit));
      }
      n++;
    }
    assertThat(n).isPositive();
  }

  @Test
  @DisplayName("agrees on every short word over the letters types start with, and on typed values")
  void generated() {
    String alphabet = "yYnNtTfFoOeEsSrRuUlLaA~0123456789.-+<:_xXbB eiI";
    Set<String> values = new LinkedHashSet<>();
    values.add("");
    List<String> frontier = List.of("");
    for (int length = 1; length <= 3; length++) {
      List<String> next = new ArrayList<>();
      for (String prefix : frontier) {
        for (char c : alphabet.toCharArray()) {
          next.add(prefix + c);
        }
      }
      values.addAll(next);
      frontier = next;
    }
    values.addAll(
        List.of(
            "yes",
            "Yes",
            "YES",
            "no",
            "NO",
            "true",
            "True",
            "TRUE",
            "false",
            "False",
            "FALSE",
            "falsey",
            "on",
            "On",
            "ON",
            "off",
            "Off",
            "OFF",
            "offset",
            "null",
            "Null",
            "NULL",
            "nullable",
            "~",
            "0",
            "0o17",
            "017",
            "0x1F",
            "0b101",
            "1_000",
            "190:20:30",
            "-1",
            "+12",
            "1.5",
            "1e3",
            "1.0e+3",
            ".inf",
            "-.Inf",
            ".NaN",
            "2001-12-14",
            "2001-12-14t21:59:43.10-05:00",
            "2001-12-14 21:59:43.10 -5",
            "<<",
            "<<x",
            "\u00e9t\u00e9",
            "\ud83d\ude00",
            "nameOverride",
            "trueish",
            "Fals",
            "N",
            "y",
            "n"));
    Random random = new Random(13);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder();
      int length = 4 + random.nextInt(5);
      for (int j = 0; j < length; j++) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      values.add(b.toString());
    }
    assertSame(values);
  }

  @Test
  @DisplayName("agrees on every word of the real tree's YAML files")
  void realTree() throws IOException {
    Path tree = SharedTree.phalanxConfig();
    Set<String> words = new LinkedHashSet<>();
    try (Stream<Path> files = Files.walk(tree)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        for (String token : Files.readString(file).split("[\\s:,\\[\\]{}\"'#]+")) {
          words.add(token);
        }
      }
    }
    assertThat(words).hasSizeGreaterThan(10_000);
    assertSame(words);
  }
}

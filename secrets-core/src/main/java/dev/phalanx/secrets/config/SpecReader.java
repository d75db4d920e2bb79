package dev.phalanx.secrets.config;

import dev.phalanx.secrets.Location;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.model.Condition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The node-level reading shared by {@link SpecParser} and {@link GenerateRuleParser}: typed reads
 * of scalars, and the problems and warnings of one file, each located at its node.
 */
final class SpecReader {

  private final YamlDocument doc;
  private final List<Problem> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final YamlDocument.ExposedConstructor constructor =
      new YamlDocument.ExposedConstructor(YamlDocument.loaderOptions());

  SpecReader(YamlDocument doc) {
    this.doc = doc;
  }

  YamlDocument doc() {
    return doc;
  }

  List<Problem> problems() {
    return List.copyOf(problems);
  }

  List<String> warnings() {
    return List.copyOf(warnings);
  }

  /** How many problems have been found so far (to tell whether a part added any). */
  int problemCount() {
    return problems.size();
  }

  /** The Java value of a node, as SnakeYAML constructs it. */
  Object construct(Node node) {
    return constructor.construct(node);
  }

  boolean hasProblemAbout(int from, String field) {
    return problems.subList(from, problems.size()).stream()
        .anyMatch(p -> p.message().startsWith(field));
  }

  /**
   * A condition. As in Phalanx, an empty string (or null) means no condition, and a path with an
   * empty step ({@code a..b}, {@code a.}) is accepted and looks for an empty key (so it is normally
   * false); both are probably mistakes and get a warning.
   */
  @Nullable Condition condition(Node node, String subject, String field) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
      return null;
    }
    String path = string(node, subject, field);
    if (path == null) {
      return null;
    }
    if (path.isEmpty()) {
      warn(node, subject, field + " is empty, so it sets no condition");
      return null;
    }
    if (path.startsWith(".") || path.endsWith(".") || path.contains("..")) {
      warn(
          node,
          subject,
          field
              + " "
              + Names.quote(path)
              + " has an empty step, which matches only an empty key (normally never true)");
    }
    return new Condition(path);
  }

  void warn(Node node, String subject, String message) {
    warnings.add(doc.location(node) + ": " + subject + ": " + message);
  }

  @Nullable String nonEmptyString(Node node, String subject, String field) {
    String s = string(node, subject, field);
    if (s != null && s.isBlank()) {
      problem(node, subject, field + " must not be empty");
      return null;
    }
    return s;
  }

  /** A string scalar; other types are reported (Phalanx does not coerce them either). */
  @Nullable String string(Node node, String subject, String field) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
      return scalar.getValue();
    }
    problem(node, subject, field + " must be a string, not " + describe(node));
    return null;
  }

  Optional<String> scalarKey(Node node, @Nullable String subject) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
      return Optional.of(scalar.getValue());
    }
    problem(node, subject, "keys must be strings, not " + describe(node));
    return Optional.empty();
  }

  private static String describe(Node node) {
    if (node instanceof ScalarNode scalar) {
      Tag tag = scalar.getTag();
      if (tag.equals(Tag.NULL)) {
        return "null";
      }
      if (tag.equals(Tag.BOOL)) {
        return "a boolean";
      }
      if (tag.equals(Tag.INT) || tag.equals(Tag.FLOAT)) {
        return "a number";
      }
      return "a " + tag.getValue().replace("tag:yaml.org,2002:", "");
    }
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    return "a list";
  }

  void problem(@Nullable Node node, @Nullable String subject, String message) {
    Location location = node == null ? Location.of(doc.display()) : doc.location(node);
    problems.add(new Problem(location, subject, message));
  }
}

package dev.phalanx.secrets.config;

import dev.phalanx.secrets.model.Condition;
import dev.phalanx.secrets.model.GenerateRule;
import dev.phalanx.secrets.model.RuleOptions;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import dev.phalanx.secrets.spi.GeneratorOption;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SourcePolicy;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Parses the {@code generate} rule of one secret for {@link SpecParser}: the generator type, its
 * source, and the generator's own options, checked against what the generator declares.
 */
final class GenerateRuleParser {

  private final SpecReader reader;
  private final GeneratorCatalog generators;

  GenerateRuleParser(SpecReader reader, GeneratorCatalog generators) {
    this.reader = reader;
    this.generators = generators;
  }

  @Nullable GenerateRule generateRule(Node node, String subject, String ownKey) {
    if (!(node instanceof MappingNode mapping)) {
      reader.problem(node, subject, "generate must be a mapping with at least 'type'");
      return null;
    }
    int before = reader.problemCount();
    String type = null;
    Node typeNode = null;
    String source = null;
    Node sourceNode = null;
    Condition condition = null;
    Map<String, Object> options = new LinkedHashMap<>();
    Map<String, NodeTuple> optionNodes = new LinkedHashMap<>();
    for (NodeTuple field : mapping.getValue()) {
      Optional<String> name = reader.scalarKey(field.getKeyNode(), subject);
      if (name.isEmpty()) {
        continue;
      }
      Node v = field.getValueNode();
      switch (name.get()) {
        case "type" -> {
          type = reader.nonEmptyString(v, subject, "generate.type");
          typeNode = v;
        }
        case "source" -> {
          source = reader.nonEmptyString(v, subject, "generate.source");
          sourceNode = v;
          if (source != null && source.equals(ownKey)) {
            reader.problem(v, subject, "generate.source cannot name the secret itself");
          }
        }
        case "if" -> condition = reader.condition(v, subject, "generate.if");
        default -> {
          options.put(name.get(), reader.construct(v));
          optionNodes.put(name.get(), field);
        }
      }
    }
    if (type == null) {
      if (!reader.hasProblemAbout(before, "generate.type")) {
        reader.problem(node, subject, "generate.type is required");
      }
      return null;
    }
    Optional<SecretGenerator> generator = generators.find(type);
    if (generator.isEmpty()) {
      reader.problem(
          typeNode,
          subject,
          "generate.type: unknown generator type "
              + Names.quote(type)
              + "; known types: "
              + generators.types()
              + (generators.types().isEmpty()
                  ? " (no generator is on the class path: add secrets-generators)"
                  : ""));
      return null;
    }
    SourcePolicy policy = generator.get().sourcePolicy();
    if (policy == SourcePolicy.REQUIRED && source == null && sourceNode == null) {
      reader.problem(node, subject, "generate.source is required for type " + type);
    } else if (policy == SourcePolicy.FORBIDDEN && sourceNode != null) {
      reader.problem(sourceNode, subject, "generate.source is not allowed for type " + type);
    }
    validateOptions(generator.get(), options, optionNodes, node, subject, "generate.");
    if (reader.problemCount() > before) {
      return null;
    }
    RuleOptions opts = RuleOptions.of(options);
    for (String message : generator.get().validate(opts)) {
      reader.problem(node, subject, "generate: " + message);
    }
    if (reader.problemCount() > before) {
      return null;
    }
    return new GenerateRule(type, source, opts, condition);
  }

  private void validateOptions(
      SecretGenerator generator,
      Map<String, Object> values,
      Map<String, NodeTuple> nodes,
      Node parent,
      String subject,
      String prefix) {
    validateFields(generator.type(), generator.options(), values, nodes, parent, subject, prefix);
  }

  private void validateFields(
      String type,
      List<GeneratorOption> declared,
      Map<String, Object> values,
      Map<String, NodeTuple> nodes,
      Node parent,
      String subject,
      String prefix) {
    Map<String, GeneratorOption> byName = new LinkedHashMap<>();
    declared.forEach(o -> byName.put(o.name(), o));
    for (Map.Entry<String, Object> e : values.entrySet()) {
      GeneratorOption option = byName.get(e.getKey());
      NodeTuple tuple = nodes.get(e.getKey());
      Node at = tuple == null ? parent : tuple.getKeyNode();
      Node valueNode = tuple == null ? parent : tuple.getValueNode();
      if (option == null) {
        Set<String> allowed = new TreeSet<>(byName.keySet());
        if (prefix.equals("generate.")) {
          allowed.addAll(SpecParser.GENERATE_FIELDS);
        }
        reader.problem(
            at,
            subject,
            "unknown field "
                + prefix
                + e.getKey()
                + " for generator type "
                + type
                + "; allowed: "
                + allowed);
        continue;
      }
      checkOptionType(type, option, e.getValue(), at, valueNode, subject, prefix + e.getKey());
    }
    for (GeneratorOption option : declared) {
      if (option.required() && values.get(option.name()) == null) {
        reader.problem(
            parent, subject, prefix + option.name() + " is required for generator type " + type);
      }
    }
  }

  private void checkOptionType(
      String type,
      GeneratorOption option,
      Object value,
      Node at,
      Node valueNode,
      String subject,
      String path) {
    if (value == null) {
      return;
    }
    String expected =
        switch (option.type()) {
          case STRING, SECRET_KEY -> value instanceof String ? null : "a string";
          case INTEGER -> value instanceof Integer || value instanceof Long ? null : "an integer";
          case BOOLEAN -> value instanceof Boolean ? null : "true or false";
          case STRING_LIST ->
              value instanceof List<?> list && list.stream().allMatch(x -> x instanceof String)
                  ? null
                  : "a list of strings";
          case OBJECT -> value instanceof Map<?, ?> ? null : "a mapping";
        };
    if (expected != null) {
      reader.problem(at, subject, path + " must be " + expected);
      return;
    }
    if (option.type() == GeneratorOption.Type.SECRET_KEY) {
      Names.checkKey((String) value)
          .ifPresent(bad -> reader.problem(at, subject, path + ": " + bad));
    }
    if (option.type() == GeneratorOption.Type.OBJECT) {
      Map<String, Object> nested = Maps.asStringMap((Map<?, ?>) value);
      Map<String, NodeTuple> nestedNodes = new LinkedHashMap<>();
      if (valueNode instanceof MappingNode mapping) {
        for (NodeTuple t : mapping.getValue()) {
          if (t.getKeyNode() instanceof ScalarNode k) {
            nestedNodes.put(k.getValue(), t);
          }
        }
      }
      validateFields(type, option.fields(), nested, nestedNodes, at, subject, path + ".");
    }
  }
}

package dev.phalanx.secrets.config;

import dev.phalanx.secrets.Location;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.model.Condition;
import dev.phalanx.secrets.model.CopyRule;
import dev.phalanx.secrets.model.GenerateRule;
import dev.phalanx.secrets.model.RuleOptions;
import dev.phalanx.secrets.model.SecretSpec;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import dev.phalanx.secrets.spi.GeneratorOption;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SourcePolicy;
import java.util.ArrayList;
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
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Parses and validates one {@code secrets.yaml} or {@code secrets-<env>.yaml} file, collecting
 * every problem of the file in one pass.
 */
final class SpecParser {

  static final Set<String> FIELDS =
      Set.of("description", "if", "copy", "generate", "value", "onepassword");
  static final Set<String> COPY_FIELDS = Set.of("application", "key", "if");
  static final Set<String> GENERATE_FIELDS = Set.of("type", "source", "if");
  static final Set<String> ONEPASSWORD_FIELDS = Set.of("encoded");

  private final YamlDocument doc;
  private final String application;
  private final GeneratorCatalog generators;
  private final List<Problem> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final YamlDocument.ExposedConstructor constructor =
      new YamlDocument.ExposedConstructor(YamlDocument.loaderOptions());

  private SpecParser(YamlDocument doc, String application, GeneratorCatalog generators) {
    this.doc = doc;
    this.application = application;
    this.generators = generators;
  }

  /**
   * The result of parsing one file: the valid entries, every problem found, and warnings about
   * input that is accepted (as Phalanx accepts it) but is probably a mistake.
   */
  record Result(Map<String, SecretSpec> specs, List<Problem> problems, List<String> warnings) {
    Result(Map<String, SecretSpec> specs, List<Problem> problems) {
      this(specs, problems, List.of());
    }
  }

  static Result parse(YamlDocument doc, String application, GeneratorCatalog generators) {
    SpecParser parser = new SpecParser(doc, application, generators);
    Map<String, SecretSpec> specs = parser.parseFile();
    return new Result(specs, List.copyOf(parser.problems), List.copyOf(parser.warnings));
  }

  private Map<String, SecretSpec> parseFile() {
    Map<String, SecretSpec> specs = new LinkedHashMap<>();
    Node root = doc.root();
    if (root == null) {
      return specs;
    }
    if (!(root instanceof MappingNode mapping)) {
      problem(root, null, "a secrets file must be a mapping of secret key to specification");
      return specs;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      Optional<String> key = scalarKey(tuple.getKeyNode(), null);
      if (key.isEmpty()) {
        continue;
      }
      Optional<String> bad = Names.checkKey(key.get());
      if (bad.isPresent()) {
        problem(tuple.getKeyNode(), null, "invalid secret key: " + bad.get());
        continue;
      }
      SecretSpec spec = parseEntry(key.get(), tuple.getKeyNode(), tuple.getValueNode());
      if (spec != null) {
        specs.put(key.get(), spec);
      }
    }
    return specs;
  }

  private @Nullable SecretSpec parseEntry(String key, Node keyNode, Node valueNode) {
    String subject = application + "/" + key;
    if (!(valueNode instanceof MappingNode mapping)) {
      problem(valueNode, subject, "a secret specification must be a mapping");
      return null;
    }
    int before = problems.size();
    String description = null;
    Condition condition = null;
    CopyRule copy = null;
    GenerateRule generate = null;
    String value = null;
    boolean encoded = false;
    Node copyNode = null;
    Node generateNode = null;
    for (NodeTuple field : mapping.getValue()) {
      Optional<String> name = scalarKey(field.getKeyNode(), subject);
      if (name.isEmpty()) {
        continue;
      }
      Node v = field.getValueNode();
      switch (name.get()) {
        case "description" -> {
          // As in Phalanx: null and "" count as no description; white space is a description.
          if (!(v instanceof ScalarNode n && n.getTag().equals(Tag.NULL))) {
            description = string(v, subject, "description");
          }
        }
        case "if" -> condition = condition(v, subject, "if");
        case "value" -> value = string(v, subject, "value");
        case "copy" -> {
          copyNode = field.getKeyNode();
          copy = copyRule(v, subject);
        }
        case "generate" -> {
          generateNode = field.getKeyNode();
          generate = generateRule(v, subject, key);
        }
        case "onepassword" -> encoded = onepassword(v, subject);
        default ->
            problem(
                field.getKeyNode(),
                subject,
                "unknown field " + Names.quote(name.get()) + "; allowed: " + new TreeSet<>(FIELDS));
      }
    }
    boolean unconditionalCopy = copy != null && copy.isUnconditional();
    boolean unconditionalGenerate = generate != null && generate.isUnconditional();
    if (unconditionalCopy && unconditionalGenerate) {
      problem(
          generateNode,
          subject,
          "copy and generate are both unconditional; give at least one of them an 'if'");
    }
    if (value != null && (unconditionalCopy || unconditionalGenerate)) {
      problem(
          keyNode,
          subject,
          "value cannot be combined with an unconditional "
              + (unconditionalCopy ? "copy" : "generate"));
    }
    if ((description == null || description.isEmpty())
        && !unconditionalCopy
        && !hasProblemAbout(before, "description")) {
      problem(keyNode, subject, "description is required (unless an unconditional copy is set)");
    }
    if (copyNode != null && copy == null || generateNode != null && generate == null) {
      return null;
    }
    if (problems.size() > before) {
      return null;
    }
    return new SecretSpec(
        application,
        key,
        description == null || description.isEmpty() ? null : description,
        condition,
        copy,
        generate,
        value,
        encoded,
        doc.location(keyNode));
  }

  private boolean hasProblemAbout(int from, String field) {
    return problems.subList(from, problems.size()).stream()
        .anyMatch(p -> p.message().startsWith(field));
  }

  private @Nullable CopyRule copyRule(Node node, String subject) {
    if (!(node instanceof MappingNode mapping)) {
      problem(node, subject, "copy must be a mapping with 'application' and 'key'");
      return null;
    }
    int before = problems.size();
    String app = null;
    String key = null;
    Condition condition = null;
    for (NodeTuple field : mapping.getValue()) {
      Optional<String> name = scalarKey(field.getKeyNode(), subject);
      if (name.isEmpty()) {
        continue;
      }
      Node v = field.getValueNode();
      switch (name.get()) {
        case "application" -> {
          app = nonEmptyString(v, subject, "copy.application");
          if (app != null) {
            Optional<String> bad = Names.checkApplication(app);
            if (bad.isPresent()) {
              problem(v, subject, "copy.application: " + bad.get());
            }
          }
        }
        case "key" -> {
          key = nonEmptyString(v, subject, "copy.key");
          if (key != null) {
            Optional<String> bad = Names.checkKey(key);
            if (bad.isPresent()) {
              problem(v, subject, "copy.key: " + bad.get());
            }
          }
        }
        case "if" -> condition = condition(v, subject, "copy.if");
        default ->
            problem(
                field.getKeyNode(),
                subject,
                "unknown field copy." + name.get() + "; allowed: " + new TreeSet<>(COPY_FIELDS));
      }
    }
    if (app == null && !hasProblemAbout(before, "copy.application")) {
      problem(node, subject, "copy.application is required");
    }
    if (key == null && !hasProblemAbout(before, "copy.key")) {
      problem(node, subject, "copy.key is required");
    }
    if (problems.size() > before || app == null || key == null) {
      return null;
    }
    return new CopyRule(new SecretRef(app, key), condition);
  }

  private @Nullable GenerateRule generateRule(Node node, String subject, String ownKey) {
    if (!(node instanceof MappingNode mapping)) {
      problem(node, subject, "generate must be a mapping with at least 'type'");
      return null;
    }
    int before = problems.size();
    String type = null;
    Node typeNode = null;
    String source = null;
    Node sourceNode = null;
    Condition condition = null;
    Map<String, Object> options = new LinkedHashMap<>();
    Map<String, NodeTuple> optionNodes = new LinkedHashMap<>();
    for (NodeTuple field : mapping.getValue()) {
      Optional<String> name = scalarKey(field.getKeyNode(), subject);
      if (name.isEmpty()) {
        continue;
      }
      Node v = field.getValueNode();
      switch (name.get()) {
        case "type" -> {
          type = nonEmptyString(v, subject, "generate.type");
          typeNode = v;
        }
        case "source" -> {
          source = nonEmptyString(v, subject, "generate.source");
          sourceNode = v;
          if (source != null && source.equals(ownKey)) {
            problem(v, subject, "generate.source cannot name the secret itself");
          }
        }
        case "if" -> condition = condition(v, subject, "generate.if");
        default -> {
          options.put(name.get(), constructor.construct(v));
          optionNodes.put(name.get(), field);
        }
      }
    }
    if (type == null) {
      if (!hasProblemAbout(before, "generate.type")) {
        problem(node, subject, "generate.type is required");
      }
      return null;
    }
    Optional<SecretGenerator> generator = generators.find(type);
    if (generator.isEmpty()) {
      problem(
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
      problem(node, subject, "generate.source is required for type " + type);
    } else if (policy == SourcePolicy.FORBIDDEN && sourceNode != null) {
      problem(sourceNode, subject, "generate.source is not allowed for type " + type);
    }
    validateOptions(generator.get(), options, optionNodes, node, subject, "generate.");
    if (problems.size() > before) {
      return null;
    }
    RuleOptions opts = RuleOptions.of(options);
    for (String message : generator.get().validate(opts)) {
      problem(node, subject, "generate: " + message);
    }
    if (problems.size() > before) {
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
          allowed.addAll(GENERATE_FIELDS);
        }
        problem(
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
        problem(
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
      problem(at, subject, path + " must be " + expected);
      return;
    }
    if (option.type() == GeneratorOption.Type.SECRET_KEY) {
      Names.checkKey((String) value).ifPresent(bad -> problem(at, subject, path + ": " + bad));
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

  private boolean onepassword(Node node, String subject) {
    if (!(node instanceof MappingNode mapping)) {
      problem(node, subject, "onepassword must be a mapping with 'encoded'");
      return false;
    }
    boolean encoded = false;
    for (NodeTuple field : mapping.getValue()) {
      Optional<String> name = scalarKey(field.getKeyNode(), subject);
      if (name.isEmpty()) {
        continue;
      }
      if (name.get().equals("encoded")) {
        // Read as pydantic reads a boolean: also 0/1 and strings such as "true" or "yes".
        Boolean b = SettingsReader.lenientBoolean(constructor.construct(field.getValueNode()));
        if (b != null) {
          encoded = b;
        } else {
          problem(field.getValueNode(), subject, "onepassword.encoded must be true or false");
        }
      } else {
        problem(
            field.getKeyNode(),
            subject,
            "unknown field onepassword." + name.get() + "; allowed: " + ONEPASSWORD_FIELDS);
      }
    }
    return encoded;
  }

  /**
   * A condition. As in Phalanx, an empty string (or null) means no condition, and a path with an
   * empty step ({@code a..b}, {@code a.}) is accepted and looks for an empty key (so it is normally
   * false); both are probably mistakes and get a warning.
   */
  private @Nullable Condition condition(Node node, String subject, String field) {
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

  private void warn(Node node, String subject, String message) {
    warnings.add(doc.location(node) + ": " + subject + ": " + message);
  }

  private @Nullable String nonEmptyString(Node node, String subject, String field) {
    String s = string(node, subject, field);
    if (s != null && s.isBlank()) {
      problem(node, subject, field + " must not be empty");
      return null;
    }
    return s;
  }

  /** A string scalar; other types are reported (Phalanx does not coerce them either). */
  private @Nullable String string(Node node, String subject, String field) {
    if (node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.STR)) {
      return scalar.getValue();
    }
    problem(node, subject, field + " must be a string, not " + describe(node));
    return null;
  }

  private Optional<String> scalarKey(Node node, @Nullable String subject) {
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

  private void problem(@Nullable Node node, @Nullable String subject, String message) {
    Location location = node == null ? Location.of(doc.display()) : doc.location(node);
    problems.add(new Problem(location, subject, message));
  }
}

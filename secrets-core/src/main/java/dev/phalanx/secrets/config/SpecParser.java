package dev.phalanx.secrets.config;

import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.model.Condition;
import dev.phalanx.secrets.model.CopyRule;
import dev.phalanx.secrets.model.GenerateRule;
import dev.phalanx.secrets.model.SecretSpec;
import dev.phalanx.secrets.spi.GeneratorCatalog;
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
  private final SpecReader reader;
  private final GenerateRuleParser generateRules;

  private SpecParser(YamlDocument doc, String application, GeneratorCatalog generators) {
    this.doc = doc;
    this.application = application;
    this.reader = new SpecReader(doc);
    this.generateRules = new GenerateRuleParser(reader, generators);
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
    return new Result(specs, parser.reader.problems(), parser.reader.warnings());
  }

  private Map<String, SecretSpec> parseFile() {
    Map<String, SecretSpec> specs = new LinkedHashMap<>();
    Node root = doc.root();
    if (root == null) {
      return specs;
    }
    if (!(root instanceof MappingNode mapping)) {
      reader.problem(root, null, "a secrets file must be a mapping of secret key to specification");
      return specs;
    }
    for (NodeTuple tuple : mapping.getValue()) {
      Optional<String> key = reader.scalarKey(tuple.getKeyNode(), null);
      if (key.isEmpty()) {
        continue;
      }
      Optional<String> bad = Names.checkKey(key.get());
      if (bad.isPresent()) {
        reader.problem(tuple.getKeyNode(), null, "invalid secret key: " + bad.get());
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
      reader.problem(valueNode, subject, "a secret specification must be a mapping");
      return null;
    }
    int before = reader.problemCount();
    String description = null;
    Condition condition = null;
    CopyRule copy = null;
    GenerateRule generate = null;
    String value = null;
    boolean encoded = false;
    Node copyNode = null;
    Node generateNode = null;
    for (NodeTuple field : mapping.getValue()) {
      Optional<String> name = reader.scalarKey(field.getKeyNode(), subject);
      if (name.isEmpty()) {
        continue;
      }
      Node v = field.getValueNode();
      switch (name.get()) {
        case "description" -> {
          // As in Phalanx: null and "" count as no description; white space is a description.
          if (!(v instanceof ScalarNode n && n.getTag().equals(Tag.NULL))) {
            description = reader.string(v, subject, "description");
          }
        }
        case "if" -> condition = reader.condition(v, subject, "if");
        case "value" -> value = reader.string(v, subject, "value");
        case "copy" -> {
          copyNode = field.getKeyNode();
          copy = copyRule(v, subject);
        }
        case "generate" -> {
          generateNode = field.getKeyNode();
          generate = generateRules.generateRule(v, subject, key);
        }
        case "onepassword" -> encoded = onepassword(v, subject);
        default ->
            reader.problem(
                field.getKeyNode(),
                subject,
                "unknown field " + Names.quote(name.get()) + "; allowed: " + new TreeSet<>(FIELDS));
      }
    }
    boolean unconditionalCopy = copy != null && copy.isUnconditional();
    boolean unconditionalGenerate = generate != null && generate.isUnconditional();
    if (unconditionalCopy && unconditionalGenerate) {
      reader.problem(
          generateNode,
          subject,
          "copy and generate are both unconditional; give at least one of them an 'if'");
    }
    if (value != null && (unconditionalCopy || unconditionalGenerate)) {
      reader.problem(
          keyNode,
          subject,
          "value cannot be combined with an unconditional "
              + (unconditionalCopy ? "copy" : "generate"));
    }
    if ((description == null || description.isEmpty())
        && !unconditionalCopy
        && !reader.hasProblemAbout(before, "description")) {
      reader.problem(
          keyNode, subject, "description is required (unless an unconditional copy is set)");
    }
    if (copyNode != null && copy == null || generateNode != null && generate == null) {
      return null;
    }
    if (reader.problemCount() > before) {
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

  private @Nullable CopyRule copyRule(Node node, String subject) {
    if (!(node instanceof MappingNode mapping)) {
      reader.problem(node, subject, "copy must be a mapping with 'application' and 'key'");
      return null;
    }
    int before = reader.problemCount();
    String app = null;
    String key = null;
    Condition condition = null;
    for (NodeTuple field : mapping.getValue()) {
      Optional<String> name = reader.scalarKey(field.getKeyNode(), subject);
      if (name.isEmpty()) {
        continue;
      }
      Node v = field.getValueNode();
      switch (name.get()) {
        case "application" -> {
          app = reader.nonEmptyString(v, subject, "copy.application");
          if (app != null) {
            Optional<String> bad = Names.checkApplication(app);
            if (bad.isPresent()) {
              reader.problem(v, subject, "copy.application: " + bad.get());
            }
          }
        }
        case "key" -> {
          key = reader.nonEmptyString(v, subject, "copy.key");
          if (key != null) {
            Optional<String> bad = Names.checkKey(key);
            if (bad.isPresent()) {
              reader.problem(v, subject, "copy.key: " + bad.get());
            }
          }
        }
        case "if" -> condition = reader.condition(v, subject, "copy.if");
        default ->
            reader.problem(
                field.getKeyNode(),
                subject,
                "unknown field copy." + name.get() + "; allowed: " + new TreeSet<>(COPY_FIELDS));
      }
    }
    if (app == null && !reader.hasProblemAbout(before, "copy.application")) {
      reader.problem(node, subject, "copy.application is required");
    }
    if (key == null && !reader.hasProblemAbout(before, "copy.key")) {
      reader.problem(node, subject, "copy.key is required");
    }
    if (reader.problemCount() > before || app == null || key == null) {
      return null;
    }
    return new CopyRule(new SecretRef(app, key), condition);
  }

  private boolean onepassword(Node node, String subject) {
    if (!(node instanceof MappingNode mapping)) {
      reader.problem(node, subject, "onepassword must be a mapping with 'encoded'");
      return false;
    }
    boolean encoded = false;
    for (NodeTuple field : mapping.getValue()) {
      Optional<String> name = reader.scalarKey(field.getKeyNode(), subject);
      if (name.isEmpty()) {
        continue;
      }
      if (name.get().equals("encoded")) {
        // Read as pydantic reads a boolean: also 0/1 and strings such as "true" or "yes".
        Boolean b = SettingsReader.lenientBoolean(reader.construct(field.getValueNode()));
        if (b != null) {
          encoded = b;
        } else {
          reader.problem(
              field.getValueNode(), subject, "onepassword.encoded must be true or false");
        }
      } else {
        reader.problem(
            field.getKeyNode(),
            subject,
            "unknown field onepassword." + name.get() + "; allowed: " + ONEPASSWORD_FIELDS);
      }
    }
    return encoded;
  }
}

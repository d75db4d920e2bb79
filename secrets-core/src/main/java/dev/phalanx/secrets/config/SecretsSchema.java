package dev.phalanx.secrets.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import dev.phalanx.secrets.spi.GeneratorOption;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SourcePolicy;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Objects;

/**
 * The JSON Schema (draft 2020-12) of a {@code secrets.yaml} or {@code secrets-<env>.yaml} file, for
 * editors and for checking spec files outside Java.
 *
 * <p>The schema is generated from the same rules the spec parser enforces and from the generator
 * types of a {@link GeneratorCatalog} (each type's source policy and declared options), so it stays
 * in step with the code and with third-party generators. It expresses every rule JSON Schema can:
 * field names and types, key and application name rules, {@code description} required unless an
 * unconditional {@code copy} is set, {@code copy} and {@code generate} not both unconditional,
 * {@code value} not together with an unconditional {@code copy} or {@code generate}, {@code source}
 * required or forbidden per generator type, and each type's options. A few checks remain the
 * parser's alone: a {@code source} naming the secret itself, a generator's own {@code validate}
 * checks, and references to secrets that do not exist.
 *
 * <pre>{@code
 * String json = SecretsSchema.generate(Providers.load());
 * }</pre>
 */
public final class SecretsSchema {

  /** The schema's {@code $id}. */
  public static final String ID = "https://phalanx-secrets.dev/schema/secrets.json";

  private static final String DRAFT = "https://json-schema.org/draft/2020-12/schema";

  /** Characters forbidden anywhere in a key or application name: '/', '\' and control chars. */
  private static final String FORBIDDEN_CHARS = "[/\\\\\\u0000-\\u001f\\u007f-\\u009f]";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  private SecretsSchema() {}

  /**
   * Generates the schema as pretty-printed JSON.
   *
   * @param catalog the generator types that {@code generate.type} may name, with their source
   *     policies and options
   * @return the schema text, ending with a newline
   * @throws NullPointerException when {@code catalog} is null
   */
  public static String generate(GeneratorCatalog catalog) {
    Objects.requireNonNull(catalog, "catalog");
    try {
      return new ObjectMapper()
              .enable(SerializationFeature.INDENT_OUTPUT)
              .writeValueAsString(schema(catalog))
          + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode schema(GeneratorCatalog catalog) {
    ObjectNode root = JSON.objectNode();
    root.put("$schema", DRAFT);
    root.put("$id", ID);
    root.put("title", "Phalanx secret specifications");
    root.put(
        "description",
        "A secrets.yaml or secrets-<env>.yaml file of a Phalanx application: a mapping of secret"
            + " key to specification. Entries of secrets-<env>.yaml replace same-named entries of"
            + " secrets.yaml whole for that environment.");
    root.set("type", JSON.arrayNode().add("object").add("null"));
    root.set("propertyNames", secretKey("A secret key."));
    root.set("additionalProperties", JSON.objectNode().put("$ref", "#/$defs/spec"));
    ObjectNode defs = root.putObject("$defs");
    defs.set("spec", spec());
    defs.set("condition", condition());
    defs.set("copy", copy());
    defs.set("generate", generateRule(catalog));
    defs.set("onepassword", onepassword());
    return root;
  }

  private static ObjectNode spec() {
    ObjectNode spec = JSON.objectNode();
    spec.put("description", "The specification of one secret.");
    spec.put("type", "object");
    spec.put("additionalProperties", false);
    ObjectNode props = spec.putObject("properties");
    props.set(
        "description",
        nonBlankString(
            "What the secret is for, shown to people who must supply it. Required unless an"
                + " unconditional copy is set."));
    props.set(
        "if",
        ref(
            "#/$defs/condition",
            "A Helm values key path; the secret exists in an environment only when it is true"
                + " there."));
    props.set("copy", ref("#/$defs/copy", "Take the resolved value of another secret."));
    props.set("generate", ref("#/$defs/generate", "Generate the value with a generator type."));
    props.set(
        "value",
        JSON.objectNode().put("description", "A literal, non-secret value.").put("type", "string"));
    props.set(
        "onepassword",
        ref("#/$defs/onepassword", "How the value is stored in 1Password, for static secrets."));

    ObjectNode unconditionalCopy = unconditional("copy");
    ObjectNode unconditionalGenerate = unconditional("generate");
    ArrayNode rules = spec.putArray("allOf");
    rules.add(
        JSON.objectNode()
            .put("description", "description is required unless an unconditional copy is set")
            .<ObjectNode>set("if", JSON.objectNode().set("not", unconditionalCopy.deepCopy()))
            .set("then", JSON.objectNode().set("required", JSON.arrayNode().add("description"))));
    rules.add(
        JSON.objectNode()
            .put("description", "copy and generate are not both unconditional")
            .set(
                "not",
                JSON.objectNode()
                    .set(
                        "allOf",
                        JSON.arrayNode()
                            .add(unconditionalCopy.deepCopy())
                            .add(unconditionalGenerate.deepCopy()))));
    rules.add(
        JSON.objectNode()
            .put("description", "value cannot be combined with an unconditional copy or generate")
            .<ObjectNode>set("if", JSON.objectNode().set("required", JSON.arrayNode().add("value")))
            .set(
                "then",
                JSON.objectNode()
                    .set(
                        "not",
                        JSON.objectNode()
                            .set(
                                "anyOf",
                                JSON.arrayNode()
                                    .add(unconditionalCopy)
                                    .add(unconditionalGenerate)))));
    return spec;
  }

  /** Matches a spec whose {@code field} is present and has no {@code if} of its own. */
  private static ObjectNode unconditional(String field) {
    ObjectNode node = JSON.objectNode();
    node.put("type", "object");
    node.set("required", JSON.arrayNode().add(field));
    node.putObject("properties")
        .putObject(field)
        .put("type", "object")
        .putObject("not")
        .set("required", JSON.arrayNode().add("if"));
    return node;
  }

  private static ObjectNode condition() {
    ObjectNode node = nonBlankString("A dot-separated key path into the merged Helm values.");
    node.putObject("not").put("pattern", "^\\.|\\.$|\\.\\.");
    return node;
  }

  private static ObjectNode copy() {
    ObjectNode node = JSON.objectNode();
    node.put("type", "object");
    node.put("additionalProperties", false);
    node.set("required", JSON.arrayNode().add("application").add("key"));
    ObjectNode props = node.putObject("properties");
    props.set("application", applicationName("The application of the secret to copy."));
    props.set("key", secretKey("The key of the secret to copy."));
    props.set("if", ref("#/$defs/condition", "The copy applies only when this condition is true."));
    return node;
  }

  private static ObjectNode generateRule(GeneratorCatalog catalog) {
    ObjectNode node = JSON.objectNode();
    node.put("type", "object");
    node.set("required", JSON.arrayNode().add("type"));
    ObjectNode props = node.putObject("properties");
    ObjectNode type = props.putObject("type");
    type.put("description", "The generator type.");
    ArrayNode types = type.putArray("enum");
    catalog.types().forEach(types::add);
    ArrayNode perType = node.putArray("allOf");
    for (String name : catalog.types()) {
      catalog.find(name).ifPresent(g -> perType.add(generatorRule(g)));
    }
    return node;
  }

  private static ObjectNode generatorRule(SecretGenerator generator) {
    ObjectNode rule = JSON.objectNode();
    ObjectNode test = rule.putObject("if");
    test.set("required", JSON.arrayNode().add("type"));
    test.putObject("properties").putObject("type").put("const", generator.type());
    ObjectNode then = rule.putObject("then");
    then.put("additionalProperties", false);
    ObjectNode props = then.putObject("properties");
    props.putObject("type").put("const", generator.type());
    if (generator.sourcePolicy() != SourcePolicy.FORBIDDEN) {
      props.set(
          "source", secretKey("The key of the secret of the same application to start from."));
    }
    props.set("if", ref("#/$defs/condition", "The generate rule applies only when this is true."));
    ArrayNode required = JSON.arrayNode().add("type");
    if (generator.sourcePolicy() == SourcePolicy.REQUIRED) {
      required.add("source");
    }
    addOptions(generator.options(), props, required);
    then.set("required", required);
    return rule;
  }

  private static void addOptions(
      List<GeneratorOption> options, ObjectNode props, ArrayNode required) {
    for (GeneratorOption option : options) {
      props.set(option.name(), option(option));
      if (option.required()) {
        required.add(option.name());
      }
    }
  }

  private static ObjectNode option(GeneratorOption option) {
    ObjectNode node =
        switch (option.type()) {
          case STRING -> JSON.objectNode().put("type", "string");
          case SECRET_KEY -> secretKey(option.description());
          case INTEGER -> JSON.objectNode().put("type", "integer");
          case BOOLEAN -> JSON.objectNode().put("type", "boolean");
          case STRING_LIST -> {
            ObjectNode list = JSON.objectNode().put("type", "array");
            list.putObject("items").put("type", "string");
            yield list;
          }
          case OBJECT -> {
            ObjectNode object = JSON.objectNode().put("type", "object");
            object.put("additionalProperties", false);
            ObjectNode props = object.putObject("properties");
            ArrayNode required = JSON.arrayNode();
            addOptions(option.fields(), props, required);
            if (!required.isEmpty()) {
              object.set("required", required);
            }
            yield object;
          }
        };
    ObjectNode described = JSON.objectNode().put("description", option.description());
    described.setAll(node);
    if (option.defaultValue() != null) {
      described.set("default", defaultNode(option.defaultValue()));
    }
    return described;
  }

  /** A declared default, one of the types {@link GeneratorOption#defaultValue()} allows. */
  private static JsonNode defaultNode(Object value) {
    if (value instanceof Long number) {
      return JSON.numberNode(number);
    }
    if (value instanceof Boolean bool) {
      return JSON.booleanNode(bool);
    }
    if (value instanceof List<?> list) {
      ArrayNode array = JSON.arrayNode();
      list.forEach(item -> array.add(String.valueOf(item)));
      return array;
    }
    return JSON.textNode(String.valueOf(value));
  }

  private static ObjectNode onepassword() {
    ObjectNode node = JSON.objectNode();
    node.put("type", "object");
    node.put("additionalProperties", false);
    node.putObject("properties")
        .putObject("encoded")
        .put("description", "Whether the 1Password copy of the value is base64-encoded.")
        .put("type", "boolean");
    return node;
  }

  /** A secret key: not empty, no '/', '\', '..' or control characters, no outer white space. */
  private static ObjectNode secretKey(String description) {
    ObjectNode node = JSON.objectNode();
    node.put("description", description);
    node.put("type", "string");
    node.put("minLength", 1);
    node.putObject("not").put("pattern", FORBIDDEN_CHARS + "|\\.\\.|^\\s|\\s$");
    return node;
  }

  /** An application name: starts with a letter or digit, then letters, digits, '.', '_', '-'. */
  private static ObjectNode applicationName(String description) {
    ObjectNode node = JSON.objectNode();
    node.put("description", description);
    node.put("type", "string");
    node.put("pattern", "^[A-Za-z0-9][A-Za-z0-9._-]*$");
    node.putObject("not").put("pattern", FORBIDDEN_CHARS + "|\\.\\.");
    return node;
  }

  private static ObjectNode nonBlankString(String description) {
    return JSON.objectNode()
        .put("description", description)
        .put("type", "string")
        .put("pattern", "\\S");
  }

  private static ObjectNode ref(String target, String description) {
    return JSON.objectNode().put("$ref", target).put("description", description);
  }
}

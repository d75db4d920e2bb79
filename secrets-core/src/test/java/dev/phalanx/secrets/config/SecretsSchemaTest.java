package dev.phalanx.secrets.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.spi.GeneratorOption;
import dev.phalanx.secrets.testing.FakeGenerators;
import dev.phalanx.secrets.testing.SharedTree;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The generated JSON Schema accepts every real spec file, rejects the bad examples, and agrees with
 * the Java spec parser on all of them.
 */
class SecretsSchemaTest {

  private static final FakeGenerators CATALOG = new FakeGenerators();
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonSchema SCHEMA =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
          .getSchema(SecretsSchema.generate(CATALOG));

  @Test
  void hasTheHeaderFieldsAndADescriptionForEveryField() throws IOException {
    JsonNode schema = MAPPER.readTree(SecretsSchema.generate(CATALOG));

    assertThat(schema.get("$schema").asText())
        .isEqualTo("https://json-schema.org/draft/2020-12/schema");
    assertThat(schema.get("$id").asText()).isEqualTo(SecretsSchema.ID);
    assertThat(schema.get("title").asText()).isNotBlank();
    JsonNode fields = schema.at("/$defs/spec/properties");
    assertThat(fields.fieldNames())
        .toIterable()
        .containsExactlyInAnyOrder("description", "if", "copy", "generate", "value", "onepassword");
    fields.forEach(field -> assertThat(field.get("description").asText()).isNotBlank());
    assertThat(schema.at("/$defs/spec/additionalProperties").asBoolean(true)).isFalse();
  }

  @Test
  void listsEveryGeneratorTypeOfTheCatalog() throws IOException {
    JsonNode schema = MAPPER.readTree(SecretsSchema.generate(CATALOG));

    List<String> types = new ArrayList<>();
    schema.at("/$defs/generate/properties/type/enum").forEach(t -> types.add(t.asText()));
    assertThat(types).containsExactlyElementsOf(CATALOG.types());
    assertThat(schema.at("/$defs/generate/allOf")).hasSize(CATALOG.types().size());
  }

  @Test
  void isItselfAValidDraft202012Schema() throws IOException {
    JsonSchema meta =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));

    assertThat(meta.validate(MAPPER.readTree(SecretsSchema.generate(CATALOG)))).isEmpty();
  }

  @Test
  void showsTheDefaultsGeneratorsDeclare() throws IOException {
    JsonNode schema = MAPPER.readTree(SecretsSchema.generate(CATALOG));
    Map<String, String> defaults = new TreeMap<>();
    collectDefaults(schema, defaults);

    assertThat(defaults).containsExactly(entry("ca", "false"), entry("validityDays", "365"));
  }

  private static void collectDefaults(JsonNode node, Map<String, String> into) {
    for (Map.Entry<String, JsonNode> option : node.path("properties").properties()) {
      if (option.getValue().has("default")) {
        into.put(option.getKey(), option.getValue().get("default").toString());
      }
    }
    node.forEach(child -> collectDefaults(child, into));
  }

  @Test
  void aDefaultMustFitItsOption() {
    assertThatThrownBy(
            () ->
                new GeneratorOption(
                    "cost", GeneratorOption.Type.INTEGER, true, "c", List.of(), 15L))
        .hasMessageContaining("required option cost cannot have a default");
    assertThatThrownBy(
            () -> GeneratorOption.optional("cost", GeneratorOption.Type.INTEGER, "c", "15"))
        .hasMessageContaining("not a INTEGER value");
    assertThat(
            GeneratorOption.optional("cost", GeneratorOption.Type.INTEGER, "c", 15).defaultValue())
        .isEqualTo(15L);
  }

  @Test
  void isStable() {
    assertThat(SecretsSchema.generate(CATALOG)).isEqualTo(SecretsSchema.generate(CATALOG));
    assertThat(SecretsSchema.generate(CATALOG)).endsWith("}\n");
  }

  @Test
  void everyRealSpecFileIsAcceptedByTheSchemaAndByTheParser() throws IOException {
    Path applications = SharedTree.phalanxConfig().resolve("applications");
    TreeMap<String, String> failures = new TreeMap<>();
    int files = 0;
    try (Stream<Path> paths = Files.list(applications)) {
      for (Path appDir : paths.sorted().toList()) {
        try (Stream<Path> specs = Files.list(appDir)) {
          for (Path file :
              specs
                  .filter(p -> p.getFileName().toString().matches("secrets(-.+)?\\.yaml"))
                  .sorted()
                  .toList()) {
            files++;
            String text = Files.readString(file);
            Set<ValidationMessage> schemaErrors = schemaErrors(text);
            List<Problem> parserErrors = parserErrors(text, appDir.getFileName().toString());
            if (!schemaErrors.isEmpty() || !parserErrors.isEmpty()) {
              failures.put(file.toString(), schemaErrors + " / " + parserErrors);
            }
          }
        }
      }
    }
    assertThat(files).isGreaterThanOrEqualTo(100);
    assertThat(failures).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badExamples")
  void badExamplesAreRejectedByTheSchemaAndByTheParser(String name, String yaml) {
    assertThat(schemaErrors(yaml)).as("schema errors").isNotEmpty();
    assertThat(parserErrors(yaml, "app")).as("parser problems").isNotEmpty();
  }

  /**
   * Input Phalanx accepts (so the parser does, with a warning where it is probably a mistake) but
   * the schema, an authoring aid, steers people away from.
   */
  static Stream<Arguments> lenientExamples() {
    return Stream.of(
        Arguments.of("if with '..'", "a:\n  description: d\n  if: a..b\n"),
        Arguments.of("if ending in '.'", "a:\n  description: d\n  if: a.\n"),
        Arguments.of("if empty", "a:\n  description: d\n  if: \"\"\n"),
        Arguments.of(
            "onepassword.encoded a string boolean",
            "a:\n  description: d\n  onepassword:\n    encoded: \"yes\"\n"),
        Arguments.of(
            "onepassword.encoded 0", "a:\n  description: d\n  onepassword:\n    encoded: 0\n"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lenientExamples")
  void lenientExamplesAreAcceptedByTheParserAsByPhalanxButNotByTheSchema(String name, String yaml) {
    assertThat(schemaErrors(yaml)).as("schema errors").isNotEmpty();
    assertThat(parserErrors(yaml, "app")).as("parser problems").isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("goodExamples")
  void goodExamplesAreAcceptedByTheSchemaAndByTheParser(String name, String yaml) {
    assertThat(schemaErrors(yaml)).as("schema errors").isEmpty();
    assertThat(parserErrors(yaml, "app")).as("parser problems").isEmpty();
  }

  static Stream<Arguments> badExamples() {
    return Stream.of(
        Arguments.of("unknown field", "a:\n  description: d\n  colour: red\n"),
        Arguments.of("description not a string", "a:\n  description: 3\n"),
        Arguments.of("description empty", "a:\n  description: \"\"\n"),
        Arguments.of("description a list", "a:\n  description: [x]\n"),
        Arguments.of("value not a string", "a:\n  description: d\n  value: 3\n"),
        Arguments.of("if not a string", "a:\n  description: d\n  if: true\n"),
        Arguments.of("spec not a mapping", "a: hello\n"),
        Arguments.of("file not a mapping", "- a\n- b\n"),
        Arguments.of("copy not a mapping", "a:\n  description: d\n  copy: other\n"),
        Arguments.of("copy without key", "a:\n  description: d\n  copy:\n    application: other\n"),
        Arguments.of("copy without application", "a:\n  description: d\n  copy:\n    key: k\n"),
        Arguments.of(
            "copy unknown field", "a:\n  copy:\n    application: other\n    key: k\n    when: x\n"),
        Arguments.of(
            "copy application with '/'", "a:\n  copy:\n    application: a/b\n    key: k\n"),
        Arguments.of(
            "copy application with '..'", "a:\n  copy:\n    application: a..b\n    key: k\n"),
        Arguments.of(
            "copy application with a control character",
            "a:\n  copy:\n    application: \"a\\x01b\"\n    key: k\n"),
        Arguments.of("copy key with '/'", "a:\n  copy:\n    application: o\n    key: x/y\n"),
        Arguments.of(
            "copy and generate both unconditional",
            "a:\n  description: d\n  copy:\n    application: o\n    key: k\n"
                + "  generate:\n    type: password\n"),
        Arguments.of(
            "value with unconditional generate",
            "a:\n  description: d\n  value: v\n  generate:\n    type: password\n"),
        Arguments.of(
            "value with unconditional copy",
            "a:\n  value: v\n  copy:\n    application: o\n    key: k\n"),
        Arguments.of("missing description", "a:\n  generate:\n    type: password\n"),
        Arguments.of(
            "missing description with conditional copy",
            "a:\n  copy:\n    application: o\n    key: k\n    if: x\n"),
        Arguments.of(
            "source on password",
            "a:\n  description: d\n  generate:\n    type: password\n    source: b\n"),
        Arguments.of(
            "missing source on bcrypt-password-hash",
            "a:\n  description: d\n  generate:\n    type: bcrypt-password-hash\n"),
        Arguments.of(
            "source not a string",
            "a:\n  description: d\n  generate:\n    type: mtime\n    source: [b]\n"),
        Arguments.of("generate without type", "a:\n  description: d\n  generate:\n    if: x\n"),
        Arguments.of(
            "unknown generator type", "a:\n  description: d\n  generate:\n    type: magic\n"),
        Arguments.of("generate not a mapping", "a:\n  description: d\n  generate: password\n"),
        Arguments.of(
            "unknown option for a generator",
            "a:\n  description: d\n  generate:\n    type: password\n    length: 12\n"),
        Arguments.of(
            "unknown option for a generator with options",
            x509("    commonName: c\n    colour: red\n")),
        Arguments.of("missing required option", x509("    dnsNames: [a]\n")),
        Arguments.of("STRING option not a string", x509("    commonName: [c]\n")),
        Arguments.of(
            "INTEGER option not an integer", x509("    commonName: c\n    validityDays: ten\n")),
        Arguments.of("BOOLEAN option not a boolean", x509("    commonName: c\n    ca: \"yes\"\n")),
        Arguments.of("STRING_LIST option not a list", x509("    commonName: c\n    dnsNames: a\n")),
        Arguments.of(
            "STRING_LIST option with a number", x509("    commonName: c\n    dnsNames: [a, 1]\n")),
        Arguments.of("OBJECT option not a mapping", x509("    commonName: c\n    issuer: x\n")),
        Arguments.of(
            "OBJECT option with an unknown field",
            x509(
                "    commonName: c\n    issuer:\n      certificate: ca\n      privateKey: k\n"
                    + "      extra: 1\n")),
        Arguments.of(
            "OBJECT option missing a required field",
            x509("    commonName: c\n    issuer:\n      certificate: ca\n")),
        Arguments.of(
            "SECRET_KEY option with '/'",
            x509("    commonName: c\n    issuer:\n      certificate: a/b\n      privateKey: k\n")),
        Arguments.of(
            "onepassword.encoded not a boolean",
            "a:\n  description: d\n  onepassword:\n    encoded: maybe\n"),
        Arguments.of(
            "onepassword.encoded 2", "a:\n  description: d\n  onepassword:\n    encoded: 2\n"),
        Arguments.of("onepassword not a mapping", "a:\n  description: d\n  onepassword: true\n"),
        Arguments.of(
            "onepassword unknown field",
            "a:\n  description: d\n  onepassword:\n    decoded: true\n"),
        Arguments.of("key with '/'", "a/b:\n  description: d\n"),
        Arguments.of("key with '\\'", "\"a\\\\b\":\n  description: d\n"),
        Arguments.of("key with '..'", "a..b:\n  description: d\n"),
        Arguments.of("key '..'", "\"..\":\n  description: d\n"),
        Arguments.of("key with a control character", "\"a\\x07b\":\n  description: d\n"),
        Arguments.of("key with a newline", "\"a\\nb\":\n  description: d\n"),
        Arguments.of("key with a trailing newline", "\"ab\\n\":\n  description: d\n"),
        Arguments.of("key with DEL", "\"a\\x7fb\":\n  description: d\n"),
        Arguments.of("key with leading space", "\" a\":\n  description: d\n"),
        Arguments.of("empty key", "\"\":\n  description: d\n"));
  }

  static Stream<Arguments> goodExamples() {
    return Stream.of(
        Arguments.of("empty file", ""),
        Arguments.of("comment only", "# nothing\n"),
        Arguments.of("static secret", "a:\n  description: d\n"),
        Arguments.of("static secret with if", "a:\n  description: d\n  if: config.enabled\n"),
        Arguments.of(
            "unconditional copy without description",
            "a:\n  copy:\n    application: other-app\n    key: k.json\n"),
        Arguments.of(
            "conditional copy and unconditional generate",
            "a:\n  description: d\n  copy:\n    application: o\n    key: k\n    if: x.y\n"
                + "  generate:\n    type: password\n"),
        Arguments.of(
            "value with conditional generate",
            "a:\n  description: d\n  value: v\n  generate:\n    type: password\n    if: x\n"),
        Arguments.of(
            "value with conditional copy",
            "a:\n  description: d\n  value: v\n  copy:\n    application: o\n    key: k\n"
                + "    if: x\n"),
        Arguments.of(
            "bcrypt with source",
            "a:\n  description: d\n"
                + "  generate:\n    type: bcrypt-password-hash\n    source: b\n"),
        Arguments.of(
            "onepassword encoded", "a:\n  description: d\n  onepassword:\n    encoded: true\n"),
        Arguments.of(
            "every option of a generator",
            x509(
                "    commonName: c\n    dnsNames: [a, b]\n    validityDays: 30\n    ca: false\n"
                    + "    issuer:\n      certificate: ca\n      privateKey: k\n    if: x\n")),
        Arguments.of("key with dots and dashes", "\"aws-credentials.ini\":\n  description: d\n"));
  }

  private static String x509(String options) {
    return "a:\n  description: d\n  generate:\n    type: x509-certificate\n    source: key\n"
        + options;
  }

  private static Set<ValidationMessage> schemaErrors(String yaml) {
    Object data = YamlDocument.parse(yaml, Path.of("secrets.yaml")).data();
    return SCHEMA.validate(MAPPER.valueToTree(data));
  }

  private static List<Problem> parserErrors(String yaml, String application) {
    return SpecParser.parse(YamlDocument.parse(yaml, Path.of("secrets.yaml")), application, CATALOG)
        .problems();
  }
}

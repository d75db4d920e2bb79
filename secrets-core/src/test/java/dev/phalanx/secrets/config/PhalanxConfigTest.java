package dev.phalanx.secrets.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.model.EnvironmentSettings;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.Secret;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The rules of DESIGN §2–3, each on a small tree. */
class PhalanxConfigTest {

  @TempDir Path dir;
  ConfigTree tree;

  @BeforeEach
  void setUp() {
    tree = new ConfigTree(dir);
  }

  // --- environments -------------------------------------------------------------------------

  @Test
  void environmentSettingsAreTheDeepMergeOfTheDefaultsAndTheEnvironmentFile() {
    tree.write(
            "environments/values.yaml",
            """
            fqdn: base.example.com
            vaultUrl: https://vault.example.com
            vaultPathPrefix: secret/phalanx/base
            onepassword:
              connectUrl: https://op.example.com
              vaultTitle: Base
            applications:
              a: true
              b: true
              c: false
            extra:
              list: [1, 2]
              keep: yes
            """)
        .write(
            "environments/values-x.yaml",
            """
            name: x
            fqdn: x.example.com
            onepassword:
              vaultTitle: X
            applications:
              b: false
              c: true
            extra:
              list: [3]
            """);

    EnvironmentSettings settings = tree.open().settings("x");

    assertThat(settings.fqdn()).isEqualTo("x.example.com");
    assertThat(settings.vaultUrl()).isEqualTo("https://vault.example.com");
    assertThat(settings.vaultPathPrefix()).isEqualTo("secret/phalanx/base");
    assertThat(settings.onePassword())
        .get()
        .extracting("connectUrl", "vaultTitle")
        .containsExactly("https://op.example.com", "X");
    assertThat(settings.enabledApplications()).containsExactly("a", "c");
    assertThat(settings.values().get("extra")).isEqualTo(Map.of("list", List.of(3), "keep", true));
  }

  @Test
  void anEmptyConnectUrlMeansNoOnePassword() {
    tree.write(
            "environments/values.yaml",
            "onepassword:\n  connectUrl: https://op.example.com\n  vaultTitle: T\n")
        .write("environments/values-x.yaml", "onepassword:\n  connectUrl: \"\"\n")
        .write("environments/values-y.yaml", "name: y\n");

    assertThat(tree.open().settings("x").onePassword()).isEmpty();
    assertThat(tree.open().settings("y").onePassword()).isPresent();
  }

  @Test
  void enabledApplicationsAreThoseMappedToTrueInNameOrder() {
    // ('off' unquoted is the boolean false in YAML 1.1, a key Phalanx rejects: see
    // PhalanxParityTest.nonStringApplicationKeysAreErrorsWithTheirLine.)
    tree.environment("x", "zeta", "alpha", "mid")
        .write("environments/values.yaml", "applications:\n  other: false\n");

    assertThat(tree.open().settings("x").enabledApplications())
        .containsExactly("alpha", "mid", "zeta");
  }

  @Test
  void environmentNamesComeFromTheEnvironmentFilesSorted() {
    tree.environment("b").environment("a").write("environments/other.yaml", "");

    assertThat(tree.open().environmentNames()).containsExactly("a", "b");
  }

  // --- Helm values --------------------------------------------------------------------------

  @Test
  void helmValuesAreTheDeepMergeOfValuesAndTheEnvironmentOverride() {
    tree.environment("x", "app")
        .environment("y", "app")
        .values(
            "app",
            """
            config:
              enabled: false
              keep: 1
              list: [a, b]
            other:
              x: 1
            """)
        .write(
            "applications/app/values-x.yaml",
            """
            config:
              enabled: true
              list: [c]
            other: 5
            """)
        .secrets("app", "s:\n  description: d\n  if: config.enabled\n");

    PhalanxEnvironment x = tree.open().environment("x");

    assertThat(x.helmValues("app"))
        .containsExactly(
            entry("config", Map.of("enabled", true, "keep", 1, "list", List.of("c"))),
            entry("other", 5));
    assertThat(tree.kinds("x")).containsOnlyKeys("app/s");
    assertThat(tree.kinds("y")).isEmpty();
  }

  @Test
  void missingOrEmptyValuesFilesAreEmptyMappings() {
    tree.environment("x", "app")
        .write("applications/app/values-x.yaml", "")
        .secrets(
            "app", "plain:\n  description: d\nguarded:\n  description: d\n  if: config.enabled\n");

    assertThat(tree.open().environment("x").helmValues("app")).isEmpty();
    assertThat(tree.kinds("x")).containsOnlyKeys("app/plain");
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "true | true",
        "1 | true",
        "-1 | true",
        "0.5 | true",
        "1e3 | true",
        "x | true",
        "\"false\" | true",
        "[0] | true",
        "{a: 0} | true",
        "false | false",
        "0 | false",
        "0.0 | false",
        "\"\" | false",
        "[] | false",
        "{} | false",
        "null | false",
        "~ | false"
      })
  void conditionsUseTheTruthinessOfYamlValues(String yaml, boolean required) {
    tree.environment("x", "app")
        .values("app", "flag: " + yaml + "\n")
        .secrets("app", "s:\n  description: d\n  if: flag\n");

    assertThat(tree.kinds("x").containsKey("app/s")).isEqualTo(required);
  }

  @Test
  void aMissingConditionKeyIsFalse() {
    tree.environment("x", "app")
        .values("app", "other: true\n")
        .secrets("app", "s:\n  description: d\n  if: flag\n");

    assertThat(tree.kinds("x")).isEmpty();
  }

  @Test
  void aConditionThroughANonMappingStepIsFalse() {
    tree.environment("x", "app")
        .values("app", "config: enabled\nlist:\n  - enabled: true\n")
        .secrets(
            "app",
            "s:\n  description: d\n  if: config.enabled\nt:\n  description: d\n  if: list.enabled\n");

    assertThat(tree.kinds("x")).isEmpty();
  }

  // --- spec files ---------------------------------------------------------------------------

  @Test
  void anEnvironmentSpecFileReplacesEntriesWhole() {
    tree.environment("x", "app")
        .environment("y", "app")
        .secrets(
            "app",
            """
            k:
              description: base
              generate:
                type: password
            only-base:
              description: b
            """)
        .write(
            "applications/app/secrets-x.yaml",
            """
            k:
              description: overlay
            extra:
              description: e
            """);

    PhalanxEnvironment x = tree.open().environment("x");

    assertThat(tree.kinds("x"))
        .containsExactly(
            entry("app/extra", "static"),
            entry("app/k", "static"),
            entry("app/only-base", "static"));
    assertThat(x.secret(new SecretRef("app", "k")).orElseThrow().spec().description())
        .isEqualTo("overlay");
    assertThat(tree.kinds("y"))
        .containsExactly(entry("app/k", "generate"), entry("app/only-base", "static"));
  }

  @Test
  void anOverlayEntryDoesNotInheritFieldsThatWouldConflict() {
    tree.environment("x", "app")
        .secrets("app", "k:\n  copy:\n    application: other\n    key: k\n")
        .write(
            "applications/app/secrets-x.yaml",
            "k:\n  description: d\n  generate:\n    type: password\n");

    assertThat(tree.kinds("x")).containsExactly(entry("app/k", "generate"));
  }

  @Test
  void aFalseTopLevelConditionDropsTheSecretAndATrueOneKeepsIt() {
    tree.environment("x", "app")
        .values("app", "shown: true\nhidden: false\n")
        .secrets(
            "app",
            "kept:\n  description: d\n  if: shown\ndropped:\n  description: d\n  if: hidden\n");

    PhalanxEnvironment x = tree.open().environment("x");

    assertThat(tree.kinds("x")).containsOnlyKeys("app/kept");
    assertThat(x.decisions()).hasSize(2);
    assertThat(x.decisions().stream().filter(d -> !d.required()).findFirst().orElseThrow().reason())
        .contains("hidden");
  }

  private static final String RULES =
      """
      s:
        description: d
        copy:
          application: other
          key: k
          if: useCopy
        generate:
          type: password
          if: useGenerate
        value: literal
      """;

  @ParameterizedTest(name = "copy if {0}, generate if {1} -> {2}")
  @CsvSource({"true, false, copy", "false, true, generate", "false, false, value"})
  void copyAndGenerateHaveTheirOwnConditions(boolean copy, boolean generate, String kind) {
    tree.environment("x", "app")
        .values("app", "useCopy: " + copy + "\nuseGenerate: " + generate + "\n")
        .secrets("app", RULES);

    assertThat(tree.kinds("x")).containsExactly(entry("app/s", kind));
  }

  @Test
  void copyAndGenerateBothApplyingIsAnError() {
    tree.environment("x", "app")
        .values("app", "useCopy: true\nuseGenerate: 1\n")
        .secrets("app", RULES);

    assertThatThrownBy(() -> tree.open().environment("x"))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e ->
                assertThat(e.problems())
                    .singleElement()
                    .satisfies(
                        p -> {
                          assertThat(p.location().file())
                              .isEqualTo(dir.resolve("applications/app/secrets.yaml"));
                          assertThat(p.location().line()).isEqualTo(1);
                          assertThat(p.subject()).isEqualTo("app/s");
                          assertThat(p.message())
                              .isEqualTo("both copy and generate apply in environment x");
                        }));
  }

  @Test
  void kindsAreDecidedCopyThenGenerateThenValueThenStatic() {
    tree.environment("x", "app")
        .values("app", "enabled: true\n")
        .secrets(
            "app",
            """
            copied:
              description: d
              value: v
              copy:
                application: other
                key: k
                if: enabled
            generated:
              description: d
              value: v
              generate:
                type: password
                if: enabled
            literal:
              description: d
              value: v
            static:
              description: d
            unconditional-copy:
              copy:
                application: other
                key: k
            """);

    assertThat(tree.kinds("x"))
        .containsExactly(
            entry("app/copied", "copy"),
            entry("app/generated", "generate"),
            entry("app/literal", "value"),
            entry("app/static", "static"),
            entry("app/unconditional-copy", "copy"));
  }

  @Test
  void aGenerateSourceNamingNoSecretIsAcceptedAtLoadAsInPhalanx() {
    // Issue 15: Phalanx accepts it at load and reports the secret unresolved in audit and sync
    // (the engine's resolver does that for a dependency that is not required).
    tree.environment("x", "app")
        .secrets(
            "app",
            "h:\n  description: d\n  generate:\n    type: bcrypt-password-hash\n"
                + "    source: missing\n");

    assertThat(tree.kinds("x")).containsEntry("app/h", "generate");
  }

  // --- all problems at once -----------------------------------------------------------------

  @Test
  void everyProblemOfAFileIsReportedAtOnceWithItsLine() {
    tree.environment("x", "app")
        .secrets(
            "app",
            """
            good:
              description: fine
            unknownfield:
              description: d
              colour: red
            nodesc:
              generate:
                type: password
            pw:
              description: d
              generate:
                type: password
                source: other
            both:
              description: d
              copy:
                application: x
                key: y
              generate:
                type: password
            val:
              description: d
              value: v
              generate:
                type: password
            typo:
              description: d
              generate:
                type: passwd
            bcrypt:
              description: d
              generate:
                type: bcrypt-password-hash
            num:
              description: 5
            bad/key:
              description: d
            """);

    assertThatThrownBy(() -> tree.open().environment("x"))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.problems())
                  .allSatisfy(
                      p ->
                          assertThat(p.location().file())
                              .isEqualTo(dir.resolve("applications/app/secrets.yaml")));
              assertThat(e.problems().stream().map(PhalanxConfigTest::lineAndStart))
                  .containsExactly(
                      "5 app/unknownfield: unknown field 'colour'; allowed: [copy, description,"
                          + " generate, if, onepassword, value]",
                      "6 app/nodesc: description is required (unless an unconditional copy is"
                          + " set)",
                      "13 app/pw: generate.source is not allowed for type password",
                      "19 app/both: copy and generate are both unconditional; give at least one"
                          + " of them an 'if'",
                      "21 app/val: value cannot be combined with an unconditional generate",
                      "29 app/typo: generate.type: unknown generator type 'passwd'; known types:"
                          + " [bcrypt-password-hash, fernet-key, gafaelfawr-token, mtime,"
                          + " oidc-clients, password, rsa-private-key, x509-certificate]",
                      "33 app/bcrypt: generate.source is required for type bcrypt-password-hash",
                      "35 app/num: description must be a string, not a number",
                      "36 null: invalid secret key: name 'bad/key' must not contain '/' or '\\'");
            });
  }

  private static String lineAndStart(Problem p) {
    return p.location().line() + " " + p.subject() + ": " + p.message();
  }

  // --- caching ------------------------------------------------------------------------------

  @Test
  void eachFileIsReadOnceHoweverManyEnvironmentsAreLoaded() {
    tree.environment("a", "app")
        .environment("b", "app")
        .write("environments/values.yaml", "vaultUrl: https://vault.example.com\n")
        .values("app", "enabled: true\n")
        .secrets("app", "k:\n  description: d\n  if: enabled\n");
    PhalanxConfig config = tree.open();
    assertThat(config.environment("a").secrets()).hasSize(1);

    // Change every shared file; the instance must keep using what it read the first time.
    tree.write("environments/values.yaml", "vaultUrl: https://changed.example.com\n")
        .values("app", "enabled: false\n")
        .secrets("app", "k: {description: d, colour: red}\n");
    PhalanxEnvironment b = config.environment("b");

    assertThat(b.secrets()).extracting(Secret::ref).containsExactly(new SecretRef("app", "k"));
    assertThat(b.settings().vaultUrl()).isEqualTo("https://vault.example.com");
    assertThat(b.helmValues("app")).containsEntry("enabled", true);
    // A fresh instance sees the changes, so the files really did change.
    assertThat(tree.open().settings("b").vaultUrl()).isEqualTo("https://changed.example.com");
    assertThatThrownBy(() -> tree.open().environment("b"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("colour");
  }

  @Test
  void aBadFileIsReportedTheSameWayForEveryEnvironment() {
    tree.environment("a", "app")
        .environment("b", "app")
        .secrets("app", "k:\n  description: d\n  colour: red\n");
    PhalanxConfig config = tree.open();

    List<Problem> first = problems(() -> config.environment("a"));
    List<Problem> second = problems(() -> config.environment("b"));

    assertThat(second).isEqualTo(first).hasSize(1);
  }

  static List<Problem> problems(Runnable action) {
    try {
      action.run();
    } catch (ConfigurationException e) {
      return e.problems();
    }
    throw new AssertionError("no ConfigurationException");
  }
}

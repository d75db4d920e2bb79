package dev.phalanx.secrets.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.RuleConflictException;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.model.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15: odd inputs are accepted and read the way Phalanx ({@code models/} and {@code
 * storage/config.py}) accepts and reads them.
 */
@DisplayName("Parity with Phalanx on odd inputs")
class PhalanxParityTest {

  @TempDir Path dir;
  ConfigTree tree;

  @BeforeEach
  void setUp() {
    tree = new ConfigTree(dir);
  }

  private List<String> keys(String environment) {
    return tree.open().environment(environment).secrets().stream()
        .map(s -> s.application() + " " + s.key())
        .toList();
  }

  @Test
  @DisplayName("applications: booleans as pydantic reads them (strings, 0/1)")
  void lenientBooleansInApplications() {
    tree.app("a").app("b").app("c").app("d").app("e").app("f");
    tree.write(
        "environments/values-x.yaml",
        "applications:\n  a: \"true\"\n  b: 1\n  c: \"YES\"\n  d: 0\n  e: \"off\"\n  f: on\n");

    assertThat(tree.open().settings("x").enabledApplications()).containsExactly("a", "b", "c", "f");
  }

  @Test
  @DisplayName("applications: a value that is no boolean is still an error")
  void otherValuesInApplicationsAreErrors() {
    tree.app("a").write("environments/values-x.yaml", "applications:\n  a: 2\n");

    List<Problem> problems = PhalanxConfigTest.problems(() -> tree.open().settings("x"));
    assertThat(problems)
        .singleElement()
        .hasToString(
            dir.resolve("environments/values-x.yaml")
                + ":2: applications.a: must be true or false");
  }

  @Test
  @DisplayName("applications: a key that is not a string is an error with its line (item 21)")
  void nonStringApplicationKeysAreErrorsWithTheirLine() {
    tree.app("a")
        .write("environments/values-x.yaml", "applications:\n  a: true\n  80: true\n  off: true\n");

    List<Problem> problems = PhalanxConfigTest.problems(() -> tree.open().settings("x"));
    assertThat(problems).hasSize(2);
    assertThat(problems.get(0).location().line()).isEqualTo(3);
    assertThat(problems.get(0).message()).contains("must be strings, not a number");
    assertThat(problems.get(1).location().line()).isEqualTo(4);
    assertThat(problems.get(1).message()).contains("must be strings, not a boolean");
  }

  @Test
  @DisplayName("onepassword.encoded: booleans as pydantic reads them")
  void lenientBooleanInOnepasswordEncoded() {
    tree.environment("x", "app")
        .secrets(
            "app",
            "a:\n  description: d\n  onepassword:\n    encoded: \"true\"\n"
                + "b:\n  description: d\n  onepassword:\n    encoded: 0\n");

    List<Secret> secrets = tree.open().environment("x").secrets();
    assertThat(secrets.get(0).spec().onePasswordEncoded()).isTrue();
    assertThat(secrets.get(1).spec().onePasswordEncoded()).isFalse();
  }

  @Test
  @DisplayName("if: \"\" (also copy.if, generate.if) is no condition")
  void emptyIfIsUnconditional() {
    tree.environment("x", "app", "other")
        .secrets("other", "k:\n  description: d\n")
        .secrets(
            "app",
            "a:\n  description: d\n  if: \"\"\n"
                + "b:\n  copy:\n    application: other\n    key: k\n    if: \"\"\n"
                + "c:\n  description: d\n  generate:\n    type: password\n    if: \"\"\n"
                + "n:\n  description: d\n  if: null\n");

    assertThat(tree.kinds("x"))
        .containsEntry("app/a", "static")
        .containsEntry("app/b", "copy")
        .containsEntry("app/c", "generate")
        .containsEntry("app/n", "static");
  }

  @Test
  @DisplayName("copy.if: \"\" is an unconditional copy: with an unconditional generate an error")
  void emptyCopyIfCountsAsUnconditional() {
    tree.environment("x", "app")
        .secrets(
            "app",
            "b:\n  copy:\n    application: other\n    key: k\n    if: \"\"\n"
                + "  generate:\n    type: password\n");

    assertThat(PhalanxConfigTest.problems(() -> tree.open().environment("x")))
        .singleElement()
        .satisfies(p -> assertThat(p.message()).contains("both unconditional"));
  }

  @Test
  @DisplayName("a condition path with an empty step is simply false")
  void emptyStepIsFalse() {
    tree.environment("x", "app")
        .values("app", "a:\n  b: true\n")
        .secrets(
            "app",
            "one:\n  description: d\n  if: a..b\n"
                + "two:\n  description: d\n  if: a.\n"
                + "three:\n  description: d\n  if: a.b\n");

    assertThat(keys("x")).containsExactly("app three");
  }

  @Test
  @DisplayName("mapping keys keep their YAML type through the Helm-values deep merge")
  void integerKeysAreNotStringSteps() {
    tree.environment("x", "app")
        .values("app", "ports:\n  80: true\n  443: false\n")
        .write("applications/app/values-x.yaml", "ports:\n  \"443\": true\n")
        .secrets(
            "app",
            "http:\n  description: d\n  if: ports.80\n"
                + "https:\n  description: d\n  if: ports.443\n");

    assertThat(keys("x")).containsExactly("app https");
    @SuppressWarnings("unchecked")
    Map<Object, Object> ports =
        (Map<Object, Object>) tree.open().environment("x").helmValues("app").get("ports");
    assertThat(ports).containsEntry(80, true).containsEntry(443, false).containsEntry("443", true);
  }

  @Test
  @DisplayName("a top-level Helm values key that is not a string is an error, as in Phalanx")
  void topLevelValuesKeysMustBeStrings() {
    tree.environment("x", "app").values("app", "ok: 1\n80: true\n");

    assertThat(PhalanxConfigTest.problems(() -> tree.open().environment("x")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location().line()).isEqualTo(2);
              assertThat(p.message()).contains("top-level keys of Helm values must be strings");
            });
  }

  @Test
  @DisplayName("plain scalars resolve as in PyYAML (YAML 1.1): 0e0 is a string")
  void yaml11ScalarResolution() {
    tree.environment("x", "app")
        .values("app", "s: 0e0\nt: 1e5\nz: 0.0\nu: 0.0e+0\nw: 0_0\n")
        .secrets(
            "app",
            "s:\n  description: d\n  if: s\n"
                + "t:\n  description: d\n  if: t\n"
                + "z:\n  description: d\n  if: z\n"
                + "u:\n  description: d\n  if: u\n"
                + "w:\n  description: d\n  if: w\n");

    assertThat(keys("x")).containsExactly("app s", "app t");
    Map<Object, Object> values = tree.open().environment("x").helmValues("app");
    assertThat(values.get("s")).isEqualTo("0e0");
    assertThat(values.get("t")).isEqualTo("1e5");
    assertThat(values.get("u")).isEqualTo(0.0);
    assertThat(values.get("w")).isEqualTo(0);
  }

  @Test
  @DisplayName("a 0e0 value in a static-secrets file is the string 0e0")
  void staticValuesResolveAsInPyYaml() throws Exception {
    Path file = dir.resolve("static.yaml");
    Files.writeString(file, "vault-write-token: 1e5\n");

    assertThat(StaticSecretsFile.read(file).vaultWriteToken().orElseThrow().reveal())
        .isEqualTo("1e5");
  }

  @Test
  @DisplayName("secrets sort by code point, as Python sorts, not by UTF-16 unit")
  void codePointOrder() {
    String fullwidthA = "\uFF21"; // U+FF21, one UTF-16 unit
    String emoji = "\uD83D\uDE00"; // U+1F600, a surrogate pair that sorts first by UTF-16 unit
    tree.environment("x", "app")
        .secrets(
            "app",
            "\"" + emoji + "\":\n  description: d\n\"" + fullwidthA + "\":\n  description: d\n");

    assertThat(keys("x")).containsExactly("app " + fullwidthA, "app " + emoji);
    assertThat(SecretRef.of("a", fullwidthA)).isLessThan(SecretRef.of("a", emoji));
  }

  @Test
  @DisplayName("a copy and a generate rule that both apply are a rule conflict (exit 2 in the CLI)")
  void copyAndGenerateBothApplying() {
    tree.environment("x", "app")
        .values("app", "on: 1\nflag: true\n")
        .secrets(
            "app",
            "a:\n  description: d\n  copy:\n    application: o\n    key: k\n    if: flag\n"
                + "  generate:\n    type: password\n    if: flag\n");

    assertThatThrownBy(() -> tree.open().environment("x"))
        .isInstanceOf(RuleConflictException.class)
        .hasMessageContaining("both copy and generate apply in environment x");
  }

  @Test
  @DisplayName("a secrets.yaml holding only comments has no secrets (Phalanx crashes)")
  void commentOnlySecretsFile() {
    tree.environment("x", "app").secrets("app", "# nothing yet\n");

    assertThat(keys("x")).isEmpty();
  }

  @Test
  @DisplayName("a condition walking through a number, string or list is false (Phalanx crashes)")
  void conditionThroughScalars() {
    tree.environment("x", "app")
        .values("app", "n: 5\ns: abc\nl: [b]\n")
        .secrets(
            "app",
            "a:\n  description: d\n  if: n.x\n"
                + "b:\n  description: d\n  if: s.b\n"
                + "c:\n  description: d\n  if: l.b\n");

    assertThat(keys("x")).isEmpty();
  }

  @Test
  @DisplayName(
      "<<: [*a, *b] with the same key in both: the first map wins (YAML spec, PyYAML 6.0.3)")
  void mergeListFirstMapWins() {
    tree.environment("x", "app")
        .values(
            "app",
            "a: &a {k: 1, x: 0}\nb: &b {k: 0, x: 1}\nc:\n  <<: [*a, *b]\nd:\n  <<: [*b, *a]\n")
        .secrets(
            "app",
            "ck:\n  description: d\n  if: c.k\n"
                + "cx:\n  description: d\n  if: c.x\n"
                + "dk:\n  description: d\n  if: d.k\n");

    assertThat(keys("x")).containsExactly("app ck");
  }

  @Test
  @DisplayName("an application named pull-secret is refused (issue 11 item 18)")
  void pullSecretIsReserved() {
    tree.environment("x", "pull-secret").secrets("pull-secret", "a:\n  description: d\n");

    assertThat(PhalanxConfigTest.problems(() -> tree.open().environment("x")))
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.location().line()).isEqualTo(3);
              assertThat(p.message()).contains("'pull-secret' is reserved");
            });
  }

  @Test
  @DisplayName("a copy from application pull-secret is refused (issue 11 item 18)")
  void copyFromPullSecretIsRefused() {
    tree.environment("x", "app")
        .secrets("app", "a:\n  copy:\n    application: pull-secret\n    key: k\n");

    assertThatThrownBy(() -> tree.open().environment("x"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("secrets.yaml:3: app/a: copy.application: application name")
        .hasMessageContaining("reserved");
  }
}

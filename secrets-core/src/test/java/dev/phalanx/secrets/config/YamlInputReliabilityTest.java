package dev.phalanx.secrets.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Problem;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Issue 11, input side: items 3, 5, 13 (spec side), 21 and 23. */
@DisplayName("YAML input reliability")
class YamlInputReliabilityTest {

  private static final String CANARY = "Pa55-CANARY-y4ml";
  private static final String SECRETS = "applications/app/secrets.yaml";

  @TempDir Path dir;
  ConfigTree tree;

  @BeforeEach
  void setUp() {
    tree = new ConfigTree(dir).environment("x", "app").app("app");
  }

  private Problem onlyProblem() {
    List<Problem> problems = PhalanxConfigTest.problems(() -> tree.open().environment("x"));
    assertThat(problems).hasSize(1);
    return problems.get(0);
  }

  // --- item 3: links that cannot be read, special files ------------------------------------

  @Test
  @DisplayName("a secrets.yaml that is a dangling symbolic link is an error, not 'no secrets'")
  void danglingSpecLinkIsAnError() throws Exception {
    Files.createSymbolicLink(dir.resolve(SECRETS), dir.resolve("nowhere.yaml"));

    Problem problem = onlyProblem();
    assertThat(problem.location().file()).isEqualTo(dir.resolve(SECRETS));
    assertThat(problem.message()).contains("symbolic link to a file that does not exist");
  }

  @Test
  @DisplayName("a values file that is a dangling symbolic link is an error")
  void danglingValuesLinkIsAnError() throws Exception {
    Files.createSymbolicLink(
        dir.resolve("applications/app/values-x.yaml"), dir.resolve("nowhere.yaml"));

    assertThat(onlyProblem().message()).contains("symbolic link to a file that does not exist");
  }

  @Test
  @DisplayName("a static-secrets file that is a dangling symbolic link is an error")
  void danglingStaticLinkIsAnError() throws Exception {
    Path link = dir.resolve("static.yaml");
    Files.createSymbolicLink(link, dir.resolve("nowhere.yaml"));

    assertThatThrownBy(() -> StaticSecretsFile.read(link))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("symbolic link to a file that does not exist");
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  @DisplayName("a secrets.yaml linked to /dev/zero is refused before reading (no OOM)")
  void deviceIsRefused() throws Exception {
    Files.createSymbolicLink(dir.resolve(SECRETS), Path.of("/dev/zero"));

    assertThat(onlyProblem().message()).contains("not a regular file");
  }

  @Test
  @EnabledOnOs({OS.LINUX, OS.MAC})
  @DisplayName("a FIFO is refused before reading (no hang)")
  void fifoIsRefused() throws Exception {
    Path fifo = dir.resolve("static.yaml");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assertThat(mkfifo.waitFor()).isZero();

    assertThatThrownBy(() -> StaticSecretsFile.read(fifo))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("not a regular file");
  }

  @Test
  @DisplayName("a secrets.yaml that is a directory is an error")
  void directoryIsAnError() throws Exception {
    Files.createDirectories(dir.resolve(SECRETS));

    assertThat(onlyProblem().message()).contains("is a directory");
  }

  // --- item 5: YAML errors in files holding values quote nothing ---------------------------

  @ParameterizedTest
  @ValueSource(
      strings = {
        "applications:\n  mobu:\n    k:\n      value: *" + CANARY + "\n",
        "applications:\n  mobu:\n    k:\n      value: !" + CANARY + " x\n",
        "applications:\n  mobu:\n    k:\n      value: !<tag:" + CANARY + "> x\n",
        "applications:\n  mobu:\n    k:\n      value: !!" + CANARY + " x\n",
        "applications:\n  mobu:\n    k:\n      value: {" + CANARY + ": 1, " + CANARY + ": 2}\n",
        "applications:\n  mobu:\n    k:\n      value: \"\\q" + CANARY + "\"\n",
        "applications:\n  mobu:\n    k:\n      value: \"\\x" + CANARY + "\"\n",
        "applications:\n  mobu:\n    k:\n      value: &" + CANARY + "\n    j: *" + CANARY + "y\n",
        "applications:\n  mobu:\n    k:\n      value: !" + CANARY + "!x y\n",
        "applications:\n  mobu:\n    k:\n      value: `" + CANARY + "\n",
        "applications:\n  mobu:\n    k:\n      value: !!binary " + CANARY + "%%\n",
        "applications:\n  mobu:\n    k:\n      value: \"" + CANARY + "\n\t\"x\n"
      })
  @DisplayName("an error in a static-secrets file names file and line, never the text")
  void staticFileErrorsQuoteNothing(String yaml) throws Exception {
    Path file = dir.resolve("static.yaml");
    Files.writeString(file, yaml);

    ConfigurationException e =
        Assertions.assertThrows(ConfigurationException.class, () -> StaticSecretsFile.read(file));
    assertThat(e.getMessage()).doesNotContain(CANARY).doesNotContain("CANARY").contains("YAML");
    assertThat(e.problems())
        .singleElement()
        .satisfies(p -> assertThat(p.location().line()).isPositive());
  }

  @Test
  @DisplayName("an undefined alias names the rule: quote a value that starts with '*'")
  void undefinedAliasNamesTheRule() throws Exception {
    Path file = dir.resolve("static.yaml");
    Files.writeString(file, "vault-write-token: *" + CANARY + "\n");

    assertThatThrownBy(() -> StaticSecretsFile.read(file))
        .hasMessage(
            file
                + ":1:20: invalid YAML: undefined alias (a plain value starting with '*' must be"
                + " quoted)");
  }

  // --- item 21: every parse error names file and line --------------------------------------

  @Test
  @DisplayName("a NUL byte: line and column")
  void nulByteHasALine() {
    tree.secrets("app", "a:\n  description: x\u0000y\n");

    Problem problem = onlyProblem();
    assertThat(problem.location().line()).isEqualTo(2);
    assertThat(problem.location().column()).isEqualTo(17);
    assertThat(problem.message()).contains("U+0000");
  }

  @Test
  @DisplayName("the nesting limit: a line")
  void nestingLimitHasALine() {
    tree.values("app", "top: 1\na: " + "[".repeat(100) + "]".repeat(100) + "\n");

    Problem problem = onlyProblem();
    assertThat(problem.location().line()).isEqualTo(2);
    assertThat(problem.message()).contains("nesting deeper than 64 levels");
  }

  @Test
  @DisplayName("the alias limit: a line")
  void aliasLimitHasALine() {
    StringBuilder yaml = new StringBuilder("a: &a [x]\nlist:\n");
    yaml.append("  - *a\n".repeat(1500));
    tree.values("app", yaml.toString());

    Problem problem = onlyProblem();
    assertThat(problem.location().line()).isGreaterThan(1000);
    assertThat(problem.message()).contains("more than 1000 aliases");
  }

  @Test
  @DisplayName("a syntax error: line and column")
  void syntaxErrorHasLineAndColumn() {
    tree.secrets("app", "a:\n  description: [x\n");

    Problem problem = onlyProblem();
    assertThat(problem.location().line()).isEqualTo(3);
    assertThat(problem.location().toString()).endsWith("secrets.yaml:3:1");
  }

  // --- item 23: links that leave the tree ---------------------------------------------------

  @Test
  @DisplayName("a file read through a link that leaves the tree is read, with a warning")
  void linkLeavingTheTreeWarns(@TempDir Path elsewhere) throws Exception {
    Path outside = elsewhere.resolve("secrets.yaml");
    Files.writeString(outside, "a:\n  description: d\n");
    Files.createSymbolicLink(dir.resolve(SECRETS), outside);

    String logged = stderrOf(() -> assertThat(tree.open().environment("x").secrets()).hasSize(1));
    assertThat(logged).contains("leaves the configuration tree").contains("secrets.yaml");
  }

  @Test
  @DisplayName("a link inside the tree is read without a warning")
  void linkInsideTheTreeIsQuiet() throws Exception {
    tree.write("shared/secrets.yaml", "a:\n  description: d\n");
    Files.createSymbolicLink(dir.resolve(SECRETS), dir.resolve("shared/secrets.yaml"));

    String logged = stderrOf(() -> assertThat(tree.open().environment("x").secrets()).hasSize(1));
    assertThat(logged).doesNotContain("leaves the configuration tree");
  }

  @Test
  @DisplayName("if: \"\" and empty condition steps are accepted with a warning")
  void probableMistakesWarn() {
    tree.secrets("app", "a:\n  description: d\n  if: \"\"\nb:\n  description: d\n  if: x..y\n");

    String logged = stderrOf(() -> assertThat(tree.open().environment("x").secrets()).hasSize(1));
    assertThat(logged)
        .contains("secrets.yaml:3: app/a: if is empty, so it sets no condition")
        .contains("secrets.yaml:6: app/b: if 'x..y' has an empty step");
  }

  /** What the library logs (slf4j-simple writes to the current System.err). */
  private static String stderrOf(Runnable action) {
    PrintStream old = System.err;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      action.run();
    } finally {
      System.setErr(old);
    }
    return buffer.toString(StandardCharsets.UTF_8);
  }
}

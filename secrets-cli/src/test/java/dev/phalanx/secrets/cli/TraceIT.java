package dev.phalanx.secrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.testkit.openbao.OpenBao;
import dev.phalanx.secrets.testkit.openbao.OpenBaoServer;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --trace} reaches the HTTP trace of the Vault client (one line per request, no token),
 * {@code --debug} does not, and {@code --quiet} keeps standard error to errors. Child JVMs: the
 * logging configuration is fixed at a JVM's first logger.
 */
@OpenBao
@DisplayName("--trace, --debug and --quiet against a real server")
class TraceIT {

  private final OpenBaoServer server;

  TraceIT(OpenBaoServer server) {
    this.server = server;
  }

  private record Child(int status, String out, String err) {}

  private Child run(Path dir, String... flags) throws Exception {
    String classpath = System.getProperty("surefire.test.class.path");
    if (classpath == null || classpath.isBlank()) {
      classpath = System.getProperty("java.class.path");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Duser.home=" + dir);
    command.add("-cp");
    command.add(classpath);
    command.add(Main.class.getName());
    command.addAll(List.of(flags));
    command.addAll(
        List.of(
            "vault",
            "audit",
            "example",
            "--config",
            Cli.examples().resolve("phalanx").toString(),
            "--vault-url",
            server.address().toString()));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(k -> k.startsWith("VAULT_") || k.startsWith("BAO_"));
    builder.environment().put("HOME", dir.toString());
    builder.environment().put("VAULT_TOKEN", server.rootToken().reveal());
    File out = Files.createTempFile(dir, "out", ".txt").toFile();
    File err = Files.createTempFile(dir, "err", ".txt").toFile();
    Process process = builder.redirectOutput(out).redirectError(err).start();
    process.getOutputStream().close();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("child CLI did not finish");
    }
    return new Child(
        process.exitValue(),
        Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("--trace logs each HTTP request with its status, never the token")
  void trace(@TempDir Path dir) throws Exception {
    Child traced = run(dir, "--trace");
    assertThat(traced.err())
        .containsPattern("\\[TRACE\\] [^\n]* (GET|LIST|POST|PUT) [^\n]* -> \\d{3}");
    assertThat(traced.err() + traced.out()).doesNotContain(server.rootToken().reveal());

    Child debug = run(dir, "--debug");
    assertThat(debug.err()).doesNotContain("[TRACE]");
    assertThat(debug.status()).isEqualTo(traced.status());
  }

  @Test
  @DisplayName("--quiet: the same report and exit status, nothing on standard error but errors")
  void quiet(@TempDir Path dir) throws Exception {
    Child normal = run(dir);
    Child quiet = run(dir, "--quiet");
    assertThat(quiet.status()).isEqualTo(normal.status());
    assertThat(quiet.out()).isEqualTo(normal.out());
    assertThat(quiet.err().lines()).allMatch(l -> l.startsWith("error") || l.startsWith(" "));
  }
}

package dev.phalanx.secrets.tests;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command-line tool (ours or the reference Phalanx) as a child process the way a user would:
 * a fresh {@code HOME}, no Vault, OpenBao or 1Password settings inherited from the build, output
 * captured through files.
 */
public final class ChildRuns {

  private static final long TIMEOUT_SECONDS = 300;

  private ChildRuns() {}

  /**
   * What a run gave.
   *
   * @param status the exit status
   * @param out standard output
   * @param err standard error
   */
  public record Run(int status, String out, String err) {}

  /**
   * The command that runs our command line from the test class path.
   *
   * @param args its arguments
   * @return the command
   */
  public static List<String> ours(List<String> args) {
    String classpath = System.getProperty("surefire.test.class.path");
    if (classpath == null || classpath.isBlank()) {
      classpath = System.getProperty("java.class.path");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(classpath);
    command.add("dev.phalanx.secrets.cli.Main");
    command.addAll(args);
    return command;
  }

  /**
   * Runs a command with standard input closed.
   *
   * @param command the command
   * @param dir where the fresh {@code HOME} and the output files go
   * @param environment variables to set (e.g. a token)
   * @return what it gave
   * @throws IOException when the process cannot start or its output cannot be read
   * @throws InterruptedException when interrupted while waiting
   */
  public static Run run(List<String> command, Path dir, Map<String, String> environment)
      throws IOException, InterruptedException {
    Path home = Files.createTempDirectory(dir, "home");
    ProcessBuilder builder = new ProcessBuilder(command);
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("VAULT_") || k.startsWith("BAO_") || k.startsWith("OP_"));
    builder.environment().put("HOME", home.toString());
    builder.environment().putAll(environment);
    File out = dir.resolve(home.getFileName() + ".out").toFile();
    File err = dir.resolve(home.getFileName() + ".err").toFile();
    builder.redirectOutput(out).redirectError(err).redirectInput(ProcessBuilder.Redirect.PIPE);
    Process process = builder.start();
    process.getOutputStream().close();
    if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("did not finish: " + command.get(0));
    }
    return new Run(
        process.exitValue(),
        Files.readString(out.toPath(), StandardCharsets.UTF_8),
        Files.readString(err.toPath(), StandardCharsets.UTF_8));
  }
}

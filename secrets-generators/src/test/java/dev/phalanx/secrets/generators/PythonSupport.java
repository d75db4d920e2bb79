package dev.phalanx.secrets.generators;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs small python3 scripts for cross-implementation checks. */
final class PythonSupport {

  /** The outcome of a script. */
  record Result(int exitCode, String stdout, String stderr) {}

  private PythonSupport() {}

  /**
   * Runs {@code python3 -c script}, writing {@code stdin} to it.
   *
   * @return the result, or null when python3 could not be started
   */
  static Result run(String script, byte[] stdin) {
    try {
      Process process = new ProcessBuilder(List.of("python3", "-c", script)).start();
      try (OutputStream in = process.getOutputStream()) {
        in.write(stdin);
      }
      byte[] out = process.getInputStream().readAllBytes();
      byte[] err = process.getErrorStream().readAllBytes();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return new Result(-1, "", "timed out");
      }
      return new Result(
          process.exitValue(),
          new String(out, StandardCharsets.UTF_8),
          new String(err, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return new Result(-1, "", "python3 cannot be started: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(-1, "", "interrupted");
    }
  }

  /** Why a module cannot be imported, or null when it can. */
  static String missingModule(String module) {
    Result r = run("import " + module, new byte[0]);
    return r.exitCode() == 0 ? null : r.stderr().strip();
  }
}

package dev.phalanx.secrets.generators;

import dev.phalanx.secrets.testkit.tools.PythonTools;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs small Python scripts for cross-implementation checks, in the build's own virtual environment
 * with the pinned bcrypt, cryptography and PyYAML ({@link PythonTools#testPython()}, provisioned
 * once into the user's cache), never the user's interpreter or site-packages.
 */
final class PythonSupport {

  /** The outcome of a script. */
  record Result(int exitCode, String stdout, String stderr) {}

  private PythonSupport() {}

  /**
   * Runs {@code python -c script} in the build's environment, writing {@code stdin} to it.
   *
   * @return the result
   * @throws dev.phalanx.secrets.testkit.tools.ToolProvisioningException when the environment cannot
   *     be provisioned
   */
  static Result run(String script, byte[] stdin) {
    Path python = PythonTools.testPython();
    try {
      ProcessBuilder builder = new ProcessBuilder(List.of(python.toString(), "-c", script));
      builder.environment().remove("PYTHONPATH");
      builder.environment().remove("PYTHONHOME");
      Process process = builder.start();
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
      return new Result(-1, "", python + " cannot be started: " + e.getMessage());
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

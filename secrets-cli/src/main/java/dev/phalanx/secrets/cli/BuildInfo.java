package dev.phalanx.secrets.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Build-time step: writes {@code build-info.properties} (the version and the git commit) for {@code
 * --version}. Without git, or outside a checkout, the commit is left empty: the build does not
 * fail.
 */
public final class BuildInfo {

  private BuildInfo() {}

  /**
   * Writes the file.
   *
   * @param args the output file, the version, the source directory
   * @throws IOException when the file cannot be written
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 3) {
      throw new IllegalArgumentException("usage: BuildInfo OUTPUT VERSION SOURCE_DIR");
    }
    Path out = Path.of(args[0]);
    Path dir = Path.of(args[2]);
    String commit = git(dir, "rev-parse", "HEAD");
    if (!commit.isEmpty() && !git(dir, "status", "--porcelain", "--untracked-files=no").isEmpty()) {
      commit += " (modified)";
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    String text = "version=" + args[1] + "\ncommit=" + commit + "\n";
    if (!Files.exists(out) || !Files.readString(out, StandardCharsets.UTF_8).equals(text)) {
      Files.writeString(out, text, StandardCharsets.UTF_8);
    }
  }

  private static String git(Path dir, String... args) {
    List<String> command = new ArrayList<>();
    command.add("git");
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      p.getOutputStream().close();
      String text;
      try (InputStream in = p.getInputStream()) {
        text = new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
      }
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return "";
      }
      return p.exitValue() == 0 ? text : "";
    } catch (IOException e) {
      return "";
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "";
    }
  }
}

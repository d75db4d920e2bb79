package dev.phalanx.secrets.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Runs the command line in-process and captures what it prints. */
record Cli(int status, String out, String err) {

  static Cli run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    return new Cli(status, out.toString(), err.toString());
  }

  /** The example tree of the repository. */
  static Path examples() {
    Path here = Path.of("").toAbsolutePath();
    Path examples = here.resolveSibling("examples");
    if (!Files.isDirectory(examples)) {
      examples = here.resolve("examples");
    }
    return examples;
  }

  /** The real Phalanx tree beside the project, or the test is skipped with a visible message. */
  static Path realTree() {
    String shared = System.getProperty("phalanx.shared.dir", "../../shared");
    Path tree = Path.of(shared, "phalanx-config");
    if (!Files.isDirectory(tree.resolve("applications"))) {
      String message = "SKIPPED: the real Phalanx tree is not at " + tree.toAbsolutePath();
      System.err.println(message);
      Assumptions.abort(message);
    }
    return tree;
  }
}

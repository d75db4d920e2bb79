package dev.phalanx.secrets.tests;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/** Finds the shared real Phalanx tree, or skips the test with a visible message. */
final class SharedTree {

  private SharedTree() {}

  /** The {@code phalanx-config} tree beside the project; the calling test is skipped if absent. */
  static Path phalanxConfig() {
    String configured = System.getProperty("phalanx.shared.dir");
    Path shared = configured != null ? Path.of(configured) : Path.of("..", "..", "shared");
    Path tree = shared.resolve("phalanx-config");
    if (!Files.isDirectory(tree.resolve("applications"))) {
      String message =
          "SKIPPED: the real Phalanx tree is not at "
              + tree.toAbsolutePath().normalize()
              + " (it ships only beside the project in ../shared)";
      System.err.println(message);
      Assumptions.abort(message);
    }
    return tree;
  }
}

package dev.phalanx.secrets.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.phalanx.secrets.testkit.contract.SyncScenarioContract;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The scenario kit ships its own copy of {@code examples/phalanx} (a published kit cannot read the
 * repository); this keeps the copy true to the example, apart from the faster bcrypt cost.
 */
class ScenarioTreeMatchesExampleTest {

  private static final String PREFIX = "scenario-tree/";

  @Test
  @DisplayName("the scenario kit's tree is examples/phalanx with bcrypt cost 4")
  void sameAsExampleTree() throws IOException {
    Path example = Fixtures.exampleTree();
    List<String> files;
    try (Stream<Path> walk = Files.walk(example)) {
      files =
          walk.filter(Files::isRegularFile)
              .map(p -> example.relativize(p).toString().replace('\\', '/'))
              .sorted()
              .toList();
    }
    assertEquals(files, resource("files.txt").lines().toList(), "files.txt lists every file");
    for (String file : files) {
      String expected = Files.readString(example.resolve(file), StandardCharsets.UTF_8);
      if (file.equals("applications/argocd/secrets.yaml")) {
        expected = expected.replace("    cost: 12\n", "    cost: 4\n");
      }
      assertEquals(expected, resource(file), file);
    }
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = SyncScenarioContract.class.getResourceAsStream(PREFIX + name)) {
      if (in == null) {
        throw new AssertionError("testkit resource missing: " + PREFIX + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}

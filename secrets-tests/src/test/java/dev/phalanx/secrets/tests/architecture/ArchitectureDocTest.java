package dev.phalanx.secrets.tests.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** docs/ARCHITECTURE.md stays true to the code: the kits and tests it names exist, and back. */
class ArchitectureDocTest {

  private static final Pattern NAMED_CLASS =
      Pattern.compile("`([A-Z][A-Za-z0-9]*(?:Test|IT|Contract))(?:<S>)?`");

  private static Path project = Path.of("");
  private static Set<String> javaFiles = Set.of();
  private static String doc = "";

  @BeforeAll
  static void read() throws IOException {
    project =
        Stream.of(Path.of(".."), Path.of("."))
            .filter(p -> Files.isRegularFile(p.resolve("docs/ARCHITECTURE.md")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("docs/ARCHITECTURE.md not found"))
            .toAbsolutePath()
            .normalize();
    doc = Files.readString(project.resolve("docs/ARCHITECTURE.md"), StandardCharsets.UTF_8);
    try (Stream<Path> walk = Files.walk(project)) {
      javaFiles =
          walk.filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !p.toString().contains("/target/"))
              .map(p -> p.getFileName().toString().replace(".java", ""))
              .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  @Test
  @DisplayName("every test and kit class the document names exists")
  void namedClassesExist() {
    Matcher m = NAMED_CLASS.matcher(doc);
    Set<String> named = new TreeSet<>();
    while (m.find()) {
      named.add(m.group(1));
    }
    assertThat(named).as("classes named in docs/ARCHITECTURE.md").isNotEmpty();
    assertThat(named.stream().filter(n -> !javaFiles.contains(n)).toList())
        .as("named in docs/ARCHITECTURE.md but not in the sources")
        .isEmpty();
  }

  @Test
  @DisplayName("every published contract kit is in the document")
  void everyKitDocumented() throws IOException {
    Path kits =
        project.resolve("secrets-testkit/src/main/java/dev/phalanx/secrets/testkit/contract");
    List<String> missing;
    try (Stream<Path> files = Files.list(kits)) {
      missing =
          files
              .map(p -> p.getFileName().toString().replace(".java", ""))
              .filter(n -> n.endsWith("Contract"))
              .filter(n -> !doc.contains("`" + n))
              .toList();
    }
    assertThat(missing).as("kits not in docs/ARCHITECTURE.md").isEmpty();
  }
}

package com.example.dirstore;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README's step "Prove it with the compatibility kit" quotes the kit adoption exactly: the lines
 * between the {@code tag::readme[]} markers of DirectoryStoreContractTest.java, indented by three
 * spaces as the numbered list in README needs.
 */
class ReadmeSnippetTest {

  @Test
  void readmeQuotesTheContractAdoption() throws IOException {
    List<String> lines =
        Files.readAllLines(
            Path.of("src/test/java/com/example/dirstore/DirectoryStoreContractTest.java"));
    int start = lines.indexOf("// tag::readme[]");
    int end = lines.indexOf("// end::readme[]");
    assertTrue(start >= 0 && end > start, "tag::readme[] and end::readme[] markers");
    String quoted =
        lines.subList(start + 1, end).stream()
            .map(l -> l.isEmpty() ? "" : "   " + l)
            .collect(Collectors.joining("\n", "   ```java\n", "\n   ```\n"));
    String readme = Files.readString(Path.of("..", "..", "README.md"));
    assertTrue(readme.contains(quoted), "README.md quotes:\n" + quoted);
  }
}

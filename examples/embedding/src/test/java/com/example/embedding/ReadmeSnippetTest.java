package com.example.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * README's "Using the library" section quotes this project exactly: the Java between the {@code
 * tag::readme[]} markers of SyncExample.java and the XML between the {@code tag::readme-pom[]}
 * markers of pom.xml, each with its common indentation removed. The javadoc overview of
 * secrets-core quotes the same Java, escaped for HTML.
 */
class ReadmeSnippetTest {

  static final Path README = Path.of("..", "..", "README.md");
  static final Path OVERVIEW =
      Path.of("..", "..", "secrets-core", "src", "main", "javadoc", "overview.html");

  static String snippet(Path file, String tag) throws IOException {
    List<String> lines = Files.readAllLines(file);
    int start = -1;
    int end = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).contains("tag::" + tag + "[]")) {
        start = i + 1;
      } else if (lines.get(i).contains("end::" + tag + "[]")) {
        end = i;
      }
    }
    assertThat(start).as("tag::%s[] in %s", tag, file).isPositive();
    assertThat(end).as("end::%s[] in %s", tag, file).isGreaterThan(start);
    List<String> body = lines.subList(start, end);
    int indent =
        body.stream()
            .filter(l -> !l.isBlank())
            .mapToInt(l -> l.length() - l.stripLeading().length())
            .min()
            .orElse(0);
    return body.stream()
        .map(l -> l.isBlank() ? "" : l.substring(indent))
        .collect(Collectors.joining("\n", "", "\n"));
  }

  @Test
  void readmeQuotesTheJavaExample() throws IOException {
    String java =
        snippet(Path.of("src/main/java/com/example/embedding/SyncExample.java"), "readme");
    assertThat(Files.readString(README)).contains("```java\n" + java + "```\n");
  }

  @Test
  void javadocOverviewQuotesTheJavaExample() throws IOException {
    String java =
        snippet(Path.of("src/main/java/com/example/embedding/SyncExample.java"), "readme");
    String escaped = java.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    assertThat(Files.readString(OVERVIEW)).contains("<pre>\n" + escaped + "</pre>\n");
  }

  @Test
  void readmeQuotesThePom() throws IOException {
    String xml = snippet(Path.of("pom.xml"), "readme-pom");
    assertThat(Files.readString(README)).contains("```xml\n" + xml + "```\n");
  }
}

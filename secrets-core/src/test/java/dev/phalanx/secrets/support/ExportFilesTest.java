package dev.phalanx.secrets.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.SecretValue;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one export format. Every expected text below was produced by Phalanx's own recipe in Python
 * 3.13 ({@code json.dump(secrets, fh, indent=2)}, keys in Vault's order, a false value as {@code
 * None}) and pasted in as a literal.
 */
class ExportFilesTest {

  @TempDir Path dir;

  @Test
  @DisplayName("export bytes equal Phalanx's export-secrets bytes: indent 2, no final newline")
  void phalanxBytes() {
    Map<String, SecretValue> data = new LinkedHashMap<>();
    data.put("b", SecretValue.of("x\u00e9\ud83d\ude00\u007f/"));
    data.put("a", SecretValue.of(""));
    data.put("c", SecretValue.of("\"\\\n\t"));
    data.put("\uffff", SecretValue.of("z"));
    data.put("\ud83d\ude00", SecretValue.of("y"));
    data.put("A", SecretValue.of("pem\n-----"));

    String expected =
        "{\n  \"A\": \"pem\\n-----\",\n  \"a\": null,\n  \"b\":"
            + " \"x\\u00e9\\ud83d\\ude00\\u007f/\",\n  \"c\": \"\\\"\\\\\\n\\t\",\n  \"\\uffff\":"
            + " \"z\",\n  \"\\ud83d\\ude00\": \"y\"\n}";
    assertThat(new String(ExportFiles.render(data), StandardCharsets.US_ASCII)).isEqualTo(expected);
    assertThat(new String(ExportFiles.render(Map.of()), StandardCharsets.US_ASCII)).isEqualTo("{}");
  }

  @Test
  @DisplayName("PythonJson with an indent nests like json.dump(indent=2)")
  void nestedIndent() {
    Map<String, Object> inner = new LinkedHashMap<>();
    inner.put("b", List.of());
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("d", null);
    Map<String, Object> value = new LinkedHashMap<>();
    value.put("a", List.of(1, inner, Map.of()));
    value.put("c", d);
    assertThat(PythonJson.dumps(value, 2))
        .isEqualTo(
            "{\n  \"a\": [\n    1,\n    {\n      \"b\": []\n    },\n    {}\n  ],\n  \"c\": {\n"
                + "    \"d\": null\n  }\n}");
    assertThat(PythonJson.dumps(List.of(), 2)).isEqualTo("[]");
    assertThat(PythonJson.dumps(value))
        .isEqualTo("{\"a\": [1, {\"b\": []}, {}], \"c\": {\"d\": null}}");
  }

  @Test
  @DisplayName("writeAll: files 0600 in a new 0700 directory, no temporary files left")
  void writeAll() throws Exception {
    Assumptions.assumeTrue(
        FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
    Path out = dir.resolve("new/export");
    List<Path> files =
        ExportFiles.writeAll(
            out.resolve("sub/.."), Map.of("app", Map.of("k", SecretValue.of("v")), "b", Map.of()));
    assertThat(files).containsExactlyInAnyOrder(out.resolve("app.json"), out.resolve("b.json"));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out)))
        .isEqualTo("rwx------");
    for (Path f : files) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
          .isEqualTo("rw-------");
    }
    assertThat(Files.readString(out.resolve("app.json"))).isEqualTo("{\n  \"k\": \"v\"\n}");
    try (Stream<Path> list = Files.list(out)) {
      assertThat(list).hasSize(2);
    }
  }

  @Test
  @DisplayName("one unsafe application name refuses the whole export before anything is written")
  void unsafeNameRefused() {
    Path out = dir.resolve("export");
    Map<String, Map<String, SecretValue>> apps = new LinkedHashMap<>();
    apps.put("a", Map.of("k", SecretValue.of("v")));
    apps.put("..", Map.of("k", SecretValue.of("v")));
    assertThatThrownBy(() -> ExportFiles.writeAll(out, apps))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'..'");
    assertThat(out).doesNotExist();
  }
}

package dev.phalanx.secrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code export ENV DIR} with a relative directory that normalises to the working directory ({@code
 * .}, {@code ./}, {@code sub/..}): the CLI runs as a child JVM in a fresh working directory, since
 * a JVM cannot change its own.
 */
@DisplayName("export into the working directory")
class ExportDirectoryIT {

  @TempDir Path dir;

  @ParameterizedTest(name = "export example {0}")
  @ValueSource(strings = {".", "./", "sub/.."})
  void exportsIntoWorkingDirectory(String target) throws Exception {
    Path work = Files.createDirectories(dir.resolve("work"));
    Files.createDirectories(work.resolve("sub"));
    Path store = dir.resolve("store.json");
    String config = Cli.examples().resolve("phalanx").toAbsolutePath().toString();
    String statics = Cli.examples().resolve("static-secrets.yaml").toAbsolutePath().toString();
    Cli sync =
        Cli.run(
            "sync",
            "example",
            "--config",
            config,
            "--secrets",
            statics,
            "--store",
            "file:" + store);
    assertThat(sync.status()).as(sync.err()).isZero();

    String classpath = System.getProperty("surefire.test.class.path");
    if (classpath == null || classpath.isBlank()) {
      classpath = System.getProperty("java.class.path");
    }
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", classpath, Main.class.getName()));
    command.addAll(List.of("export", "example", target, "--config", config));
    command.addAll(List.of("--store", "file:" + store));
    File err = dir.resolve("err.txt").toFile();
    Process process =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectOutput(dir.resolve("out.txt").toFile())
            .redirectError(err)
            .start();
    process.getOutputStream().close();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    String stderr = Files.readString(err.toPath(), StandardCharsets.UTF_8);
    assertThat(process.exitValue()).as(stderr).isZero();
    assertThat(stderr).doesNotContain("unsafe");
    try (Stream<Path> files = Files.list(work)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .contains("argocd.json", "gafaelfawr.json", "mobu.json")
          .hasSize(8); // seven applications and sub/
    }
  }
}

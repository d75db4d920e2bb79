package com.example.dirstore;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.cli.Main;
import dev.phalanx.secrets.providers.Providers;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command-line tool finds the store through ServiceLoader and syncs into it. */
class DirectoryStoreCliTest {

  private static final Path EXAMPLES = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  @DisplayName("discovery lists the dirstore type")
  void discovered() {
    assertThat(Providers.load().stores().types()).contains("dirstore");
  }

  @Test
  @DisplayName(
      "'sync example --store dirstore:DIR' writes the environment, and a second sync is clean")
  void syncs() {
    String[] args = {
      "sync",
      "example",
      "--config",
      EXAMPLES.resolve("phalanx").toString(),
      "--secrets",
      EXAMPLES.resolve("static-secrets.yaml").toString(),
      "--store",
      "dirstore:" + dir
    };
    assertThat(run(args)).isZero();
    assertThat(dir.resolve("gafaelfawr.properties")).exists();
    assertThat(run(args)).isZero();
    String[] audit = args.clone();
    audit[0] = "audit";
    assertThat(run(audit)).as("audit after sync finds nothing").isZero();
  }

  private static int run(String[] args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int status = Main.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    if (status != 0) {
      System.err.println(out);
      System.err.println(err);
    }
    return status;
  }
}

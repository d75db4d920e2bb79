package dev.phalanx.secrets.testkit.contract;

import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.StaticSecrets;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The scenario tree shipped with the kit (a copy of the repository's {@code examples/phalanx} whose
 * bcrypt cost is 4 instead of 12, so the many syncs take milliseconds) and small helpers of the
 * scenarios.
 */
final class ScenarioTree {

  /** The resource folder of the tree, beside this class. */
  static final String RESOURCE = "scenario-tree/";

  /** The environment the scenarios use. */
  static final String ENV = "example";

  private ScenarioTree() {}

  /** The relative paths of the tree's files, from the {@code files.txt} index. */
  static List<String> files() {
    return read(RESOURCE + "files.txt").lines().filter(line -> !line.isBlank()).toList();
  }

  /** The text of one file of the tree, by its relative path. */
  static String file(String relative) {
    return read(RESOURCE + relative);
  }

  /** Writes the tree into {@code dir/phalanx} and returns that root. */
  static Path writeTo(Path dir) {
    Path root = dir.resolve("phalanx");
    for (String relative : files()) {
      write(root.resolve(relative), file(relative));
    }
    return root;
  }

  private static String read(String resource) {
    try (InputStream in = ScenarioTree.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("testkit resource missing: " + resource);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void replace(Path file, String from, String to) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!text.contains(from)) {
      throw new IllegalStateException(file + " does not contain the text to replace");
    }
    write(file, text.replace(from, to));
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Fetches what the CLI asks a source for: every static secret, and the OIDC clients if needed.
   */
  static StaticSecrets fetch(
      GeneratorCatalog generators, PhalanxEnvironment env, SecretSource source) {
    return source.fetch(SecretsEngine.staticSecretsRequest(env, generators));
  }
}

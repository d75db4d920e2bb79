package dev.phalanx.secrets.testkit.contract;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.testkit.InMemorySecretSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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

  /** The values of the example static-secrets file, as an in-memory source builder to vary. */
  static InMemorySecretSource.Builder exampleSource() {
    return InMemorySecretSource.builder()
        .value("argocd", "dex.clientSecret", "example-dex-client-secret")
        .value("gafaelfawr", "cilogon-client-secret", "example-cilogon-secret")
        .value("mobu", "app-alert-webhook", "https://hooks.slack.invalid/services/EXAMPLE")
        .value("nublado", "hub-db-password", "example-hub-db-password")
        .oidcClient(
            "example-client",
            "example-client-id",
            "example-client-secret",
            "https://example.local/callback")
        .registry("ghcr.io", "example", "example-registry-token");
  }

  /** Every live value of a store, by reference, revealed (test code only). */
  static Map<SecretRef, String> values(SecretStore store) {
    Map<SecretRef, String> out = new TreeMap<>();
    store
        .readAll(store.listApplications())
        .forEach(
            (app, content) ->
                content.data().forEach((k, v) -> out.put(new SecretRef(app, k), v.reveal())));
    return out;
  }

  /** The version of every application of a store, live or not. */
  static Map<String, Long> versions(SecretStore store) {
    Map<String, Long> out = new TreeMap<>();
    store
        .readAll(store.listApplications())
        .forEach((app, content) -> out.put(app, content.version()));
    return out;
  }
}

package dev.phalanx.secrets.tests;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StaticSecretsRequest;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.testkit.InMemorySecretSource;
import dev.phalanx.secrets.testkit.StoreContents;
import dev.phalanx.secrets.testkit.contract.SyncScenarioContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The example tree, its static secrets, and small helpers shared by the scenario tests. */
final class Fixtures {

  /** Generators, stores and sources found on the test class path; loaded once. */
  static final Providers PROVIDERS = Providers.load();

  static final String ENV = "example";

  private Fixtures() {}

  /** The example tree of the repository. */
  static Path exampleTree() {
    for (Path candidate :
        List.of(Path.of("..", "examples", "phalanx"), Path.of("examples", "phalanx"))) {
      if (Files.isDirectory(candidate.resolve("applications"))) {
        return candidate.toAbsolutePath().normalize();
      }
    }
    throw new IllegalStateException(
        "examples/phalanx not found from " + Path.of("").toAbsolutePath());
  }

  /** The example static-secrets file of the repository. */
  static Path exampleStaticSecrets() {
    return exampleTree().resolveSibling("static-secrets.yaml");
  }

  /**
   * A copy of the example tree in {@code dir} whose bcrypt hash uses cost 4 instead of 12, so the
   * many syncs of the scenario suites take milliseconds instead of seconds each. Everything else is
   * the example tree as shipped.
   */
  static Path fastExampleTree(Path dir) {
    Path root = dir.resolve("phalanx");
    copyTree(exampleTree(), root);
    replace(root.resolve("applications/argocd/secrets.yaml"), "    cost: 12\n", "    cost: 4\n");
    return root;
  }

  static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path p : files.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void replace(Path file, String from, String to) {
    String text = read(file);
    if (!text.contains(from)) {
      throw new IllegalStateException(file + " does not contain the text to replace");
    }
    write(file, text.replace(from, to));
  }

  static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static PhalanxEnvironment environment(Path root, String name) {
    return PhalanxConfig.open(root, PROVIDERS).environment(name);
  }

  /** What the CLI asks a source for: every static secret, and the OIDC clients when needed. */
  static StaticSecretsRequest request(PhalanxEnvironment env) {
    return SecretsEngine.staticSecretsRequest(env, PROVIDERS);
  }

  static StaticSecrets fetch(PhalanxEnvironment env, SecretSource source) {
    return source.fetch(request(env));
  }

  /** The values of examples/static-secrets.yaml, as an in-memory source builder to vary. */
  static InMemorySecretSource.Builder exampleSource() {
    return SyncScenarioContract.exampleSource();
  }

  /** Every live value of a store, by reference, revealed (test code only). */
  static Map<SecretRef, String> values(SecretStore store) {
    return StoreContents.values(store);
  }

  /** The version of every application of a store, live or not. */
  static Map<String, Long> versions(SecretStore store) {
    return StoreContents.versions(store);
  }

  static Map<String, StoredApplication> contents(SecretStore store) {
    return StoreContents.contents(store);
  }

  /** The generated secrets of an environment. */
  static List<GeneratedSecret> generated(PhalanxEnvironment env) {
    return env.secrets().stream()
        .filter(s -> s instanceof GeneratedSecret)
        .map(s -> (GeneratedSecret) s)
        .toList();
  }

  static List<Secret> secrets(PhalanxEnvironment env) {
    return env.secrets();
  }
}

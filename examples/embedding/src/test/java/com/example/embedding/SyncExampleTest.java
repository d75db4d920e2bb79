package com.example.embedding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.engine.SyncResult;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.testkit.InMemorySecretStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's library example runs, against the repository's example tree. */
class SyncExampleTest {

  static final Path EXAMPLES = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path dir;

  String run(String storeUri, SyncResult[] result) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
      result[0] =
          SyncExample.run(
              EXAMPLES.resolve("phalanx"),
              "example",
              EXAMPLES.resolve("static-secrets.yaml"),
              storeUri,
              out);
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void auditsThenSyncsAndASecondRunChangesNothing() {
    String store = "file:" + dir.resolve("secrets.json");
    SyncResult[] result = new SyncResult[1];
    String first = run(store, result);
    assertThat(result[0].changed()).isTrue();
    assertThat(first)
        .startsWith("{")
        .contains("\"schemaVersion\" : 1")
        .contains("\"command\" : \"audit\"")
        .contains("\"clean\" : false")
        .contains("1/" + result[0].applied().size() + " ");
    assertThat(first).doesNotContain("example-dex-client-secret");

    String second = run(store, result);
    assertThat(result[0].changed()).isFalse();
    assertThat(second).contains("\"clean\" : true");
  }

  @Test
  void theTestkitStoreWorksWithTheSameEngine() {
    Providers providers = Providers.load();
    PhalanxEnvironment env =
        PhalanxConfig.open(EXAMPLES.resolve("phalanx"), providers).environment("example");
    SecretsEngine engine = SecretsEngine.builder().generators(providers).build();
    try (InMemorySecretStore store = InMemorySecretStore.create()) {
      // No static source (null): static secrets not in the store stay unresolved, so only plan.
      assertThat(engine.audit(env, null, store).missing()).isNotEmpty();
    }
  }
}

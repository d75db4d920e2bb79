package dev.phalanx.secrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.file.FileSecretStoreProvider;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.testkit.InMemorySecretStore;
import dev.phalanx.secrets.vault.VaultSecretStoreProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 13 goal 2: the CLI's syncs write to Vault 16 at a time (within copy-dependency layers); the
 * file store and third-party stores stay sequential.
 */
class WriteConcurrencyTest {

  @Test
  void vaultWritesConcurrentlyOtherStoresInOrder(@TempDir Path dir) {
    try (SecretStore vault =
        new VaultSecretStoreProvider()
            .create(
                StoreConfig.builder("secret/phalanx/x")
                    .option("vault-url", "http://127.0.0.1:9")
                    .credential("vault-write-token", SecretValue.of("t"))
                    .build())) {
      assertThat(Workspace.writeConcurrency(vault)).isEqualTo(Workspace.VAULT_WRITE_CONCURRENCY);
    }
    try (SecretStore file =
        new FileSecretStoreProvider().create(StoreConfig.of(dir.resolve("s.json").toString()))) {
      assertThat(Workspace.writeConcurrency(file)).isEqualTo(1);
    }
    assertThat(Workspace.writeConcurrency(InMemorySecretStore.create())).isEqualTo(1);
  }
}

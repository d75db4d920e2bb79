package dev.phalanx.secrets.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.file.FileSecretStoreProvider;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default store group of a provider: its stores are the provider's own, sharing nothing. */
@DisplayName("The default store group")
class StoreGroupTest {

  @Test
  @DisplayName("creates the provider's stores until it is closed")
  void unshared(@TempDir Path dir) {
    SecretStoreProvider provider = new FileSecretStoreProvider();
    StoreGroup group = provider.group();
    StoreConfig config =
        new StoreConfig(dir.resolve("store.yaml").toString(), Map.of(), Map.of(), null);
    try (SecretStore store = group.create(config)) {
      assertThat(store.describe()).isEqualTo(provider.create(config).describe());
    }
    assertThat(group).hasToString("StoreGroup[file, unshared]");
    group.close();
    assertThatThrownBy(() -> group.create(config))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("the file store group is closed");
  }
}

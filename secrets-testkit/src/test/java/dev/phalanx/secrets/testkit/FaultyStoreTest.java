package dev.phalanx.secrets.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.CheckAndSetException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.spi.WriteCondition;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("FaultyStore")
class FaultyStoreTest {

  private static final Map<String, SecretValue> DATA = Map.of("k", SecretValue.of("s3cret-value"));

  private final InMemorySecretStore real = InMemorySecretStore.create();

  @Test
  @DisplayName("fails exactly the chosen write, without the value in the message")
  void failsNthWrite() {
    FaultyStore store = FaultyStore.wrap(real).failWrite(2).build();
    store.write("a", DATA, new WriteCondition.CreateOnly());
    assertThatThrownBy(() -> store.write("b", DATA, new WriteCondition.CreateOnly()))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageContaining("injected")
        .hasMessageNotContaining("s3cret");
    store.write("c", DATA, new WriteCondition.CreateOnly());
    assertThat(real.snapshot()).containsOnlyKeys("a", "c");
    assertThat(store.injectedFaults()).isEqualTo(1);
    assertThat(store.attemptedWrites()).isEqualTo(3);
  }

  @Test
  @DisplayName("fails writes and deletes of a chosen application only")
  void failsApplication() {
    FaultyStore store = FaultyStore.wrap(real).failWritesTo("bad").build();
    assertThatThrownBy(() -> store.write("bad", DATA, new WriteCondition.CreateOnly()))
        .isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.delete("bad")).isInstanceOf(StoreException.class);
    store.write("good", DATA, new WriteCondition.CreateOnly());
    assertThat(real.snapshot()).containsOnlyKeys("good");
  }

  @Test
  @DisplayName("fails reads and listings")
  void failsReads() {
    FaultyStore store = FaultyStore.wrap(real).failReads().build();
    assertThatThrownBy(() -> store.read("a")).isInstanceOf(StoreException.class);
    assertThatThrownBy(store::listApplications).isInstanceOf(StoreException.class);
    assertThatThrownBy(() -> store.readAll(List.of("a"))).isInstanceOf(StoreException.class);
    store.write("a", DATA, new WriteCondition.CreateOnly());
    assertThat(real.value("a", "k")).isPresent();
  }

  @Test
  @DisplayName("drops writes silently: success is reported, nothing is stored")
  void dropsWrites() {
    FaultyStore store = FaultyStore.wrap(real).dropWrites().build();
    long version = store.write("a", DATA, new WriteCondition.CreateOnly());
    assertThat(version).isEqualTo(1);
    assertThat(store.read("a")).isEmpty();
    assertThat(real.writeCount()).isZero();
  }

  @Test
  @DisplayName("injects one check-and-set conflict, then lets the retry through")
  void conflictOnce() {
    FaultyStore store = FaultyStore.wrap(real).conflictOnce("a").build();
    assertThatThrownBy(() -> store.write("a", DATA, new WriteCondition.CreateOnly()))
        .isInstanceOf(CheckAndSetException.class)
        .extracting(e -> ((CheckAndSetException) e).application())
        .isEqualTo("a");
    store.write("a", DATA, new WriteCondition.CreateOnly());
    assertThat(real.value("a", "k")).isPresent();
  }

  @Test
  @DisplayName("a lost response: the write lands, then the caller gets an error, once")
  void loseResponseOnce() {
    FaultyStore store = FaultyStore.wrap(real).loseResponseOnce("a").build();
    assertThatThrownBy(() -> store.write("a", DATA, new WriteCondition.CreateOnly()))
        .isInstanceOf(StoreException.class)
        .hasMessageContaining("lost");
    assertThat(real.value("a", "k")).isPresent();
    assertThat(store.injectedFaults()).isEqualTo(1);
    store.write("a", DATA, new WriteCondition.IfVersion(real.read("a").orElseThrow().version()));
  }

  @Test
  @DisplayName("adds latency but otherwise behaves like the wrapped store")
  void latency() {
    FaultyStore store = FaultyStore.wrap(real).latency(Duration.ofMillis(1)).build();
    store.write("a", DATA, new WriteCondition.CreateOnly());
    assertThat(store.read("a")).isPresent();
    assertThat(store.describe()).contains("memory");
    assertThat(store.capabilities()).isEqualTo(real.capabilities());
  }
}

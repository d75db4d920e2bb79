package dev.phalanx.secrets.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.UnresolvedSecretsException;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.WriteCondition;
import dev.phalanx.secrets.testing.MapStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The two engine bugs of issue 10's closing note: a copy of an unstored generated secret in an
 * excluded application, and an empty application that audit and plan disagreed about.
 */
@DisplayName("Engine corner cases")
class ExcludedCopyAndEmptyApplicationTest {

  static final SecretRef DB = SecretRef.of("gafaelfawr", "db");

  @TempDir Path dir;

  PhalanxEnvironment env;
  SecretsEngine engine;
  MapStore store;
  StaticSecrets statics;

  @BeforeEach
  void setUp() {
    env = SecretsEngineTest.demo(new EngineFixture.Tree(dir)).environment("demo");
    engine = EngineFixture.engine();
    store = new MapStore();
    statics = SecretsEngineTest.source().build();
  }

  @Test
  @DisplayName(
      "a copy of an unstored generated secret in an excluded application is unresolved, never a"
          + " new value on every run")
  void copyOfExcludedUnstoredSecret() {
    SyncOptions excludePostgres = SyncOptions.defaults().withExclude(List.of("postgres"));

    AuditReport audit = engine.audit(env, statics, store, excludePostgres);

    assertThat(audit.problems())
        .extracting(Problem::subject, Problem::message)
        .containsExactly(
            Tuple.tuple(
                DB.toString(),
                "copies postgres/pw, whose application is excluded: postgres/pw would get a new"
                    + " value that is never stored, so the copy would change on every run (sync"
                    + " postgres first, or stop excluding it)"));
    assertThatThrownBy(() -> engine.plan(env, statics, store, excludePostgres))
        .isInstanceOf(UnresolvedSecretsException.class)
        .hasMessageContaining("gafaelfawr/db");
    assertThatThrownBy(() -> engine.sync(env, statics, store, excludePostgres))
        .isInstanceOf(UnresolvedSecretsException.class);
    assertThat(store.writes()).isEmpty();
  }

  @Test
  @DisplayName("once the excluded source is stored, its copy converges")
  void copyOfExcludedStoredSecret() {
    engine.sync(env, statics, store);
    String pw = store.values().get("postgres").get("pw");
    store.remove("gafaelfawr", "db");
    store.reset();
    SyncOptions excludePostgres = SyncOptions.defaults().withExclude(List.of("postgres"));

    engine.sync(env, statics, store, excludePostgres);

    assertThat(store.values().get("gafaelfawr").get("db")).isEqualTo(pw);
    assertThat(engine.audit(env, statics, store, excludePostgres).isClean()).isTrue();
    assertThat(engine.plan(env, statics, store, excludePostgres).isEmpty()).isTrue();
  }

  @Test
  @DisplayName(
      "an application stored with no keys and not required: audit is clean and plan empty, even"
          + " with --delete")
  void emptyUnrequiredApplication() {
    engine.sync(env, statics, store);
    store.write("old-app", Map.of(), new WriteCondition.CreateOnly());
    store.reset();
    SyncOptions delete = SyncOptions.defaults().withDelete(true);

    assertThat(engine.audit(env, statics, store, delete).isClean()).isTrue();
    assertThat(engine.plan(env, statics, store, delete).isEmpty()).isTrue();
    engine.sync(env, statics, store, delete);
    assertThat(store.writes()).isEmpty();
  }
}

package dev.phalanx.secrets.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SourcePolicy;
import dev.phalanx.secrets.spi.StaticInput;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.testing.MapStore;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine treats generators by the traits they declare, never by their type names: a third-party
 * generator declaring a trait gets the behaviour Phalanx's {@code oidc-clients} and {@code mtime}
 * get, and without the trait it does not.
 */
@DisplayName("Generator traits")
class GeneratorTraitsTest {

  static final SecretRef CLIENTS = SecretRef.of("portal", "clients");
  static final SecretRef STAMP = SecretRef.of("portal", "stamp");
  static final SecretRef PLAIN = SecretRef.of("portal", "plain");

  @TempDir Path dir;

  /** A third-party generator of the client list, with or without the traits. */
  static SecretGenerator clients(boolean traits) {
    return new SecretGenerator() {
      @Override
      public String type() {
        return "acme-clients";
      }

      @Override
      public SourcePolicy sourcePolicy() {
        return SourcePolicy.FORBIDDEN;
      }

      @Override
      public boolean derivedFromStaticInput() {
        return traits;
      }

      @Override
      public Set<StaticInput> staticInputs() {
        return traits ? Set.of(StaticInput.OIDC_CLIENTS) : Set.of();
      }

      @Override
      public SecretValue generate(GenerationContext context) {
        return SecretValue.of(
            context.oidcClients().stream().map(OidcClient::id).collect(Collectors.joining(",")));
      }
    };
  }

  /** A third-party time stamp of its source, with or without the refresh trait. */
  static SecretGenerator stamp(boolean traits) {
    return new SecretGenerator() {
      @Override
      public String type() {
        return "acme-stamp";
      }

      @Override
      public SourcePolicy sourcePolicy() {
        return SourcePolicy.REQUIRED;
      }

      @Override
      public boolean refreshedWithSourceSiblings() {
        return traits;
      }

      @Override
      public SecretValue generate(GenerationContext context) {
        return SecretValue.of(context.clock().instant().toString());
      }
    };
  }

  /** The fixture's generators plus two third-party ones. */
  static GeneratorCatalog catalog(SecretGenerator... extra) {
    return new GeneratorCatalog() {
      @Override
      public Optional<SecretGenerator> find(String type) {
        for (SecretGenerator g : extra) {
          if (g.type().equals(type)) {
            return Optional.of(g);
          }
        }
        return EngineFixture.GENERATORS.find(type);
      }

      @Override
      public SortedSet<String> types() {
        SortedSet<String> types = new TreeSet<>(EngineFixture.GENERATORS.types());
        for (SecretGenerator g : extra) {
          types.add(g.type());
        }
        return types;
      }
    };
  }

  PhalanxEnvironment environment(GeneratorCatalog catalog) {
    EngineFixture.Tree tree = new EngineFixture.Tree(dir);
    tree.app(
        "demo",
        "portal",
        "plain:\n  description: d\n  generate:\n    type: password\n"
            + "hash:\n  description: d\n  generate:\n    type: hash\n    source: plain\n"
            + "stamp:\n  description: d\n  generate:\n    type: acme-stamp\n    source: plain\n"
            + "clients:\n  description: d\n  generate:\n    type: acme-clients\n");
    return PhalanxConfig.open(tree.root, catalog).environment("demo");
  }

  static SecretsEngine engine(GeneratorCatalog catalog, EngineFixture.TestClock clock) {
    return SecretsEngine.builder()
        .generators(catalog)
        .random(new SecureRandom())
        .clock(clock)
        .build();
  }

  static StaticSecrets withClients(String... names) {
    StaticSecrets.Builder b = StaticSecrets.builder();
    for (String name : names) {
      b.oidcClient(EngineFixture.client(name));
    }
    return b.build();
  }

  @Test
  @DisplayName("a third-party generator declaring the traits behaves like oidc-clients and mtime")
  void declaredTraits() {
    GeneratorCatalog catalog = catalog(clients(true), stamp(true));
    PhalanxEnvironment env = environment(catalog);
    EngineFixture.TestClock clock = new EngineFixture.TestClock();
    SecretsEngine engine = engine(catalog, clock);
    MapStore store = new MapStore();

    assertThat(SecretsEngine.staticSecretsRequest(env, catalog).oidcClients()).isTrue();
    assertThat(engine.valueFrom(env, CLIENTS)).startsWith("derived (acme-clients)");

    engine.sync(env, withClients("a"), store, SyncOptions.defaults());
    assertThat(store.values().get("portal").get("clients")).isEqualTo("a-id");

    // derived anew on every run: a changed client list changes the value
    assertThat(engine.plan(env, withClients("a", "b"), store).toText())
        .isEqualTo("update application portal\n  ~ clients (derived from static input)\n");
    // a source with no clients keeps the stored value, with a warning
    AuditReport none = engine.audit(env, withClients(), store);
    assertThat(none.isClean()).isTrue();
    assertThat(none.warnings())
        .containsExactly(
            "portal/clients: the static source provides no OIDC clients; keeping the value the"
                + " store holds (to clear it, run with --regenerate portal/clients)");
    // --regenerate-all leaves a derived value alone
    clock.advanceMinutes(5);
    SyncOptions all = SyncOptions.defaults().withRegenerateAll(true);
    engine.sync(env, withClients(), store, all);
    assertThat(store.values().get("portal").get("clients")).isEqualTo("a-id");

    // refreshed with the secrets derived from the same source
    clock.advanceMinutes(5);
    SyncOptions regenerate = SyncOptions.defaults().withRegenerate(List.of(PLAIN));
    assertThat(engine.plan(env, withClients("a"), store, regenerate).toText())
        .isEqualTo(
            "update application portal\n"
                + "  ~ hash (stale: hash does not match its source)\n"
                + "  ~ plain (regeneration requested)\n"
                + "  ~ stamp (stale: refreshed with portal/hash)\n");
  }

  @Test
  @DisplayName("the same generators without the traits are generated once and kept")
  void withoutTraits() {
    GeneratorCatalog catalog = catalog(clients(false), stamp(false));
    PhalanxEnvironment env = environment(catalog);
    EngineFixture.TestClock clock = new EngineFixture.TestClock();
    SecretsEngine engine = engine(catalog, clock);
    MapStore store = new MapStore();

    assertThat(SecretsEngine.staticSecretsRequest(env, catalog).oidcClients()).isFalse();
    assertThat(engine.valueFrom(env, CLIENTS)).startsWith("generated (acme-clients)");
    engine.sync(env, withClients("a"), store, SyncOptions.defaults());
    Map<String, String> first = store.values().get("portal");

    assertThat(engine.audit(env, withClients("a", "b"), store).isClean()).isTrue();
    clock.advanceMinutes(5);
    SyncOptions regenerate = SyncOptions.defaults().withRegenerate(List.of(PLAIN));
    assertThat(engine.plan(env, withClients("a"), store, regenerate).toText())
        .isEqualTo(
            "update application portal\n"
                + "  ~ hash (stale: hash does not match its source)\n"
                + "  ~ plain (regeneration requested)\n");
    assertThat(first.get("stamp")).isEqualTo(EngineFixture.NOW.toString());
  }
}

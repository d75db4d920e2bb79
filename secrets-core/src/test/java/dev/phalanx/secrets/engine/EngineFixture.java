package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.PullSecret;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SourcePolicy;
import dev.phalanx.secrets.spi.Staleness;
import dev.phalanx.secrets.spi.StaticInput;
import dev.phalanx.secrets.spi.StaticSecrets;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small configuration tree and fake generators for engine unit tests: {@code password} (random),
 * {@code hash} (of its source, stale when it does not match), {@code mtime} (the clock) and {@code
 * oidc-clients} (derived from the static source's clients on every run).
 */
final class EngineFixture {

  static final Instant NOW = Instant.parse("2030-01-02T03:04:05Z");

  private EngineFixture() {}

  /** Writes files relative to a root and opens environments of it. */
  static final class Tree {
    final Path root;
    private final Map<String, List<String>> environments = new TreeMap<>();

    Tree(Path root) {
      this.root = root;
      write("environments/values.yaml", "");
    }

    Tree write(String relative, String text) {
      try {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
        return this;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** An enabled application with these secrets (a secrets.yaml text). */
    Tree app(String env, String app, String secrets) {
      write("applications/" + app + "/Chart.yaml", "name: " + app + "\n");
      write("applications/" + app + "/secrets.yaml", secrets);
      environments.computeIfAbsent(env, e -> new ArrayList<>()).add(app);
      StringBuilder sb = new StringBuilder("name: " + env + "\napplications:\n");
      for (String a : environments.get(env)) {
        sb.append("  ").append(a).append(": true\n");
      }
      return write("environments/values-" + env + ".yaml", sb.toString());
    }

    PhalanxEnvironment environment(String env) {
      return PhalanxConfig.open(root, GENERATORS).environment(env);
    }
  }

  static final Generators GENERATORS = new Generators();

  static SecretsEngine engine() {
    return engine(new TestClock());
  }

  static SecretsEngine engine(Clock clock) {
    return SecretsEngine.builder()
        .generators(GENERATORS)
        .random(new SecureRandom())
        .clock(clock)
        .build();
  }

  /** A clock that starts at {@link #NOW} and moves only when told. */
  static final class TestClock extends Clock {
    private Instant now = NOW;

    void advanceMinutes(long minutes) {
      now = now.plusSeconds(60 * minutes);
    }

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** Static secrets with these values ({@code app/key}, value pairs). */
  static StaticSecrets.Builder statics(String... refsAndValues) {
    StaticSecrets.Builder b = StaticSecrets.builder();
    for (int i = 0; i < refsAndValues.length; i += 2) {
      String[] ref = refsAndValues[i].split("/", 2);
      b.value(new SecretRef(ref[0], ref[1]), SecretValue.of(refsAndValues[i + 1]));
    }
    return b;
  }

  static OidcClient client(String name) {
    return new OidcClient(
        name, name + "-id", SecretValue.of(name + "-secret"), "https://cb/" + name);
  }

  static PullSecret pull(String host, String user, String password) {
    return new PullSecret(Map.of(host, new PullSecret.Registry(user, SecretValue.of(password))));
  }

  /** The fake generators. */
  static final class Generators implements GeneratorCatalog {
    final AtomicInteger staleChecks = new AtomicInteger();
    private final Map<String, SecretGenerator> byType = new TreeMap<>();

    Generators() {
      add(
          new Gen("password", SourcePolicy.FORBIDDEN, false) {
            @Override
            public SecretValue generate(GenerationContext c) {
              return SecretValue.of("pw-" + Long.toHexString(c.random().nextLong()));
            }
          });
      add(
          new Gen("hash", SourcePolicy.REQUIRED, false) {
            @Override
            public SecretValue generate(GenerationContext c) {
              return SecretValue.of(hash(c));
            }

            @Override
            public Staleness checkStale(SecretValue existing, GenerationContext c) {
              staleChecks.incrementAndGet();
              return existing.reveal().equals(hash(c))
                  ? Staleness.fresh()
                  : Staleness.stale("hash does not match its source");
            }
          });
      add(
          new Gen("mtime", SourcePolicy.REQUIRED, false) {
            @Override
            public boolean refreshedWithSourceSiblings() {
              return true;
            }

            @Override
            public SecretValue generate(GenerationContext c) {
              return SecretValue.of(c.clock().instant().toString());
            }
          });
      add(
          new Gen("oidc-clients", SourcePolicy.FORBIDDEN, true) {
            @Override
            public SecretValue generate(GenerationContext c) {
              List<String> items = new ArrayList<>();
              for (OidcClient o : c.oidcClients()) {
                items.add(
                    "{\"id\": \""
                        + o.id()
                        + "\", \"secret\": \""
                        + o.secret().reveal()
                        + "\", \"return_uri\": \""
                        + o.returnUri()
                        + "\"}");
              }
              return SecretValue.of("[" + String.join(", ", items) + "]");
            }
          });
    }

    private static String hash(GenerationContext c) {
      return "hash(" + c.source().orElseThrow().reveal() + ")";
    }

    private void add(SecretGenerator g) {
      byType.put(g.type(), g);
    }

    @Override
    public Optional<SecretGenerator> find(String type) {
      return Optional.ofNullable(byType.get(type));
    }

    @Override
    public SortedSet<String> types() {
      return new TreeSet<>(byType.keySet());
    }
  }

  private abstract static class Gen implements SecretGenerator {
    private final String type;
    private final SourcePolicy policy;
    private final boolean derived;

    Gen(String type, SourcePolicy policy, boolean derived) {
      this.type = type;
      this.policy = policy;
      this.derived = derived;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public SourcePolicy sourcePolicy() {
      return policy;
    }

    @Override
    public boolean derivedFromStaticInput() {
      return derived;
    }

    @Override
    public Set<StaticInput> staticInputs() {
      return derived ? Set.of(StaticInput.OIDC_CLIENTS) : Set.of();
    }
  }
}

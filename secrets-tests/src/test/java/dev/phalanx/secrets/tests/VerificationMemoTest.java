package dev.phalanx.secrets.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.config.PhalanxEnvironment;
import dev.phalanx.secrets.engine.AuditReport;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.engine.SyncListener;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.engine.VerificationMemo;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import dev.phalanx.secrets.spi.GeneratorOption;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SourcePolicy;
import dev.phalanx.secrets.spi.Staleness;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.spi.WriteCondition;
import dev.phalanx.secrets.testkit.InMemorySecretStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("Bcrypt verifications are remembered, and stale hashes still found")
class VerificationMemoTest {

  static final SecretRef HASH = new SecretRef("argocd", "admin.password");
  static final SecretRef SOURCE = new SecretRef("argocd", "admin.plaintext_password");

  @TempDir Path dir;

  PhalanxEnvironment env;
  StaticSecrets statics;
  Counting generators;
  InMemorySecretStore store;

  @BeforeEach
  void setUp() {
    env = Fixtures.environment(Fixtures.fastExampleTree(dir), Fixtures.ENV);
    statics = Fixtures.fetch(env, Fixtures.exampleSource().build());
    generators = new Counting(Fixtures.PROVIDERS);
    store = InMemorySecretStore.create();
    engine(VerificationMemo.none())
        .sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE);
    generators.checks.set(0);
  }

  SecretsEngine engine(VerificationMemo memo) {
    return SecretsEngine.builder().generators(generators).verificationMemo(memo).build();
  }

  Path memoDir() {
    return dir.resolve("cache");
  }

  @Test
  @DisplayName("a later run with the same file memo does not verify again; its audit is clean")
  void secondRunSkipsVerification() {
    AuditReport first =
        engine(VerificationMemo.file(memoDir())).audit(env, statics, store, SyncOptions.defaults());
    assertThat(first.isClean()).isTrue();
    assertThat(generators.checks.get()).isEqualTo(1);

    AuditReport second =
        engine(VerificationMemo.file(memoDir())).audit(env, statics, store, SyncOptions.defaults());
    assertThat(second.isClean()).isTrue();
    assertThat(generators.checks.get()).isEqualTo(1);

    engine(VerificationMemo.file(memoDir()))
        .sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE);
    assertThat(generators.checks.get()).isEqualTo(1);
  }

  @Test
  @DisplayName("without a memo every run verifies")
  void noMemo() {
    engine(VerificationMemo.none()).audit(env, statics, store, SyncOptions.defaults());
    engine(VerificationMemo.none()).audit(env, statics, store, SyncOptions.defaults());
    assertThat(generators.checks.get()).isEqualTo(2);
  }

  @Test
  @DisplayName("a changed source is verified again and its stale hash found, memo or not")
  void staleStillDetected() {
    engine(VerificationMemo.file(memoDir())).audit(env, statics, store, SyncOptions.defaults());
    StoredApplication argocd = store.read("argocd").orElseThrow();
    Map<String, SecretValue> data = new HashMap<>(argocd.data());
    data.put(SOURCE.key(), SecretValue.of("a-new-admin-password"));
    store.write("argocd", data, WriteCondition.replacing(argocd));

    AuditReport report =
        engine(VerificationMemo.file(memoDir())).audit(env, statics, store, SyncOptions.defaults());
    assertThat(report.mismatched()).extracting(AuditReport.Entry::ref).contains(HASH);
    assertThat(report.mismatched())
        .filteredOn(e -> e.ref().equals(HASH))
        .extracting(AuditReport.Entry::reason)
        .containsExactly("stale: hash does not match its source");
    assertThat(generators.checks.get()).isEqualTo(2);
  }

  @Test
  @DisplayName("a memo file that was deleted or corrupted only means verifying again")
  void deletedOrCorrupted() throws Exception {
    engine(VerificationMemo.file(memoDir())).audit(env, statics, store, SyncOptions.defaults());
    Files.write(memoDir().resolve("verified"), new byte[] {1, 2, 3});
    assertThat(
            engine(VerificationMemo.file(memoDir()))
                .audit(env, statics, store, SyncOptions.defaults())
                .isClean())
        .isTrue();
    assertThat(generators.checks.get()).isEqualTo(2);
    try (var files = Files.list(memoDir())) {
      for (Path p : files.toList()) {
        Files.delete(p);
      }
    }
    engine(VerificationMemo.file(memoDir())).audit(env, statics, store, SyncOptions.defaults());
    assertThat(generators.checks.get()).isEqualTo(3);
  }

  @Test
  @DisplayName("slow checks run ahead on a background thread, and a sync reports them")
  void progressAndBackground() {
    List<String> events = new CopyOnWriteArrayList<>();
    SyncListener listener =
        new SyncListener() {
          @Override
          public void computing(SecretRef secret, String what) {
            events.add(what + " " + secret);
          }
        };
    engine(VerificationMemo.none()).sync(env, statics, store, SyncOptions.defaults(), listener);
    assertThat(events).containsExactly("verifying " + HASH);
    assertThat(generators.threads).allMatch(t -> t.startsWith("phalanx-secrets-verify-"));

    events.clear();
    InMemorySecretStore empty = InMemorySecretStore.create();
    engine(VerificationMemo.none()).sync(env, statics, empty, SyncOptions.defaults(), listener);
    assertThat(events).contains("generating " + HASH).doesNotContain("verifying " + HASH);

    events.clear();
    VerificationMemo memo = VerificationMemo.inMemory();
    engine(memo).sync(env, statics, store, SyncOptions.defaults(), listener);
    engine(memo).sync(env, statics, store, SyncOptions.defaults(), listener);
    assertThat(events).containsExactly("verifying " + HASH); // the second run remembers
  }

  /**
   * The real generators, counting bcrypt generations, staleness checks and the threads they ran on.
   */
  static final class Counting implements GeneratorCatalog {
    final GeneratorCatalog delegate;
    final AtomicInteger checks = new AtomicInteger();
    final AtomicInteger generations = new AtomicInteger();
    final List<String> threads = new CopyOnWriteArrayList<>();

    Counting(GeneratorCatalog delegate) {
      this.delegate = delegate;
    }

    @Override
    public Optional<SecretGenerator> find(String type) {
      Optional<SecretGenerator> found = delegate.find(type);
      if (!type.equals("bcrypt-password-hash") || found.isEmpty()) {
        return found;
      }
      SecretGenerator real = found.get();
      return Optional.of(
          new SecretGenerator() {
            @Override
            public String type() {
              return real.type();
            }

            @Override
            public SourcePolicy sourcePolicy() {
              return real.sourcePolicy();
            }

            @Override
            public List<GeneratorOption> options() {
              return real.options();
            }

            @Override
            public List<String> validate(dev.phalanx.secrets.model.GeneratorOptions options) {
              return real.validate(options);
            }

            @Override
            public boolean alwaysRegenerate() {
              return real.alwaysRegenerate();
            }

            @Override
            public SecretValue generate(GenerationContext context) {
              generations.incrementAndGet();
              return real.generate(context);
            }

            @Override
            public Staleness checkStale(SecretValue existing, GenerationContext context) {
              checks.incrementAndGet();
              threads.add(Thread.currentThread().getName());
              return real.checkStale(existing, context);
            }

            @Override
            public boolean memoizableStaleCheck() {
              return real.memoizableStaleCheck();
            }

            @Override
            public boolean slow() {
              return real.slow();
            }
          });
    }

    @Override
    public SortedSet<String> types() {
      return delegate.types();
    }
  }
}

package dev.phalanx.secrets.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.StoreException;
import dev.phalanx.secrets.SyncFailedException;
import dev.phalanx.secrets.UnresolvedSecretsException;
import dev.phalanx.secrets.config.StaticSecretsFile;
import dev.phalanx.secrets.engine.AuditReport;
import dev.phalanx.secrets.engine.Resolution;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.engine.SyncListener;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.engine.SyncPlan;
import dev.phalanx.secrets.engine.SyncResult;
import dev.phalanx.secrets.file.FileSecretStoreProvider;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.testkit.InMemorySecretSource;
import dev.phalanx.secrets.testkit.InMemorySecretStore;
import dev.phalanx.secrets.testkit.RecordingStore;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RELIABILITY "The bar" 8: no secret value ever appears in a log line (at TRACE), an exception
 * message, a {@code toString()} or a report. Every static and stored value carries a canary; the
 * test drives audit, plan and sync through their success and failure paths and searches everything
 * captured.
 */
@DisplayName("Secret hygiene")
class SecretHygieneTest {

  static final String CANARY = "CANARY-q7Zx31";
  static final Path TRACE_LOG = Path.of("target", "test-trace.log");

  @TempDir Path dir;

  PhalanxEnvironment env;
  SecretsEngine engine;
  final StringBuilder seen = new StringBuilder();
  final ByteArrayOutputStream console = new ByteArrayOutputStream();
  PrintStream oldErr;
  PrintStream oldOut;

  @BeforeEach
  void setUp() {
    env = Fixtures.environment(Fixtures.fastExampleTree(dir), Fixtures.ENV);
    engine = SecretsEngine.builder().generators(Fixtures.PROVIDERS).build();
    oldErr = System.err;
    oldOut = System.out;
    PrintStream capture = new PrintStream(console, true, StandardCharsets.UTF_8);
    System.setErr(new PrintStream(new Tee(oldErr, capture), true, StandardCharsets.UTF_8));
    System.setOut(new PrintStream(new Tee(oldOut, capture), true, StandardCharsets.UTF_8));
  }

  @AfterEach
  void restore() {
    System.setErr(oldErr);
    System.setOut(oldOut);
  }

  static String canary(String prefix) {
    return prefix + "-" + CANARY;
  }

  StaticSecrets canaryStatics(boolean complete) {
    InMemorySecretSource.Builder b =
        InMemorySecretSource.builder()
            .value("argocd", "dex.clientSecret", canary("dex"))
            .value("gafaelfawr", "cilogon-client-secret", canary("cilogon"))
            .value("mobu", "app-alert-webhook", "https://hooks.invalid/" + CANARY)
            .oidcClient("client", "client-id", canary("oidc"), "https://example.local/cb")
            .registry("ghcr.io", "user", canary("registry"))
            .vaultWriteToken(canary("token"));
    if (complete) {
      b.value("nublado", "hub-db-password", canary("hub"));
    }
    return Fixtures.fetch(env, b.build());
  }

  /** A store holding canary values as if generated earlier, some stale. */
  InMemorySecretStore canaryStore() {
    return InMemorySecretStore.builder()
        .application(
            "postgres",
            Map.of(
                "root-password", canary("root"),
                "gafaelfawr-password", canary("pg-gafaelfawr"),
                "jupyterhub-password", canary("pg-hub")))
        .application(
            "argocd",
            Map.of(
                "admin.plaintext_password", canary("admin"),
                "admin.password", canary("not-a-hash"),
                "admin.passwordMtime", "2020-01-01T00:00:00Z",
                "server.secretkey", canary("server"),
                "dex.clientSecret", canary("old-dex")))
        .application("gafaelfawr", Map.of("redis-password", canary("redis"), "extra", canary("x")))
        .application("unknown-app", Map.of("key", canary("unknown")))
        .build();
  }

  void record(Object... objects) {
    for (Object o : objects) {
      seen.append(o).append('\n');
      if (o instanceof AuditReport a) {
        seen.append(a.toText()).append(a.missing()).append(a.mismatched()).append(a.unknown());
        seen.append(a.problems()).append(a.warnings());
      } else if (o instanceof SyncPlan p) {
        seen.append(p.toText()).append(p.operations()).append(p.warnings());
      } else if (o instanceof SyncResult r) {
        seen.append(r.applied()).append(r.warnings());
      } else if (o instanceof Resolution r) {
        seen.append(r.resolved()).append(r.unresolved()).append(r.resolved().values());
      } else if (o instanceof StaticSecrets s) {
        seen.append(s.values()).append(s.oidcClients()).append(s.pullSecret());
        seen.append(s.vaultWriteToken()).append(s.warnings());
      } else if (o instanceof Throwable t) {
        StringWriter trace = new StringWriter();
        t.printStackTrace(new PrintWriter(trace));
        seen.append(trace).append(t.getLocalizedMessage());
        if (t instanceof PhalanxSecretsException p) {
          seen.append(p.problems());
        }
      }
      seen.append('\n');
    }
  }

  <T extends Throwable> void expectFailure(Class<T> type, Supplier<?> action) {
    record(assertThrows(type, action::get));
  }

  @Test
  @DisplayName("no canary in logs, messages, toString or reports on success and failure paths")
  void canaryNeverLeaks() throws IOException {
    StaticSecrets statics = canaryStatics(true);
    record(statics);

    // Success paths over a store full of canaries, with stale and unknown values.
    InMemorySecretStore store = canaryStore();
    Map<String, StoredApplication> stored = engine.read(env, store);
    record(stored, stored.values());
    record(engine.resolve(env, statics, stored, SyncOptions.defaults()));
    AuditReport before = engine.audit(env, statics, store, SyncOptions.defaults());
    assertFalse(before.isClean());
    record(before);
    record(engine.plan(env, statics, store, SyncOptions.defaults().withDelete(true)));
    record(engine.sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE));
    record(
        engine.sync(
            env,
            statics,
            store,
            SyncOptions.defaults().withRegenerateAll(true),
            SyncListener.NONE));
    record(engine.audit(env, null, store, SyncOptions.defaults()));
    record(engine.read(env, store), store);

    // Unresolved: a static with no value anywhere, and a bcrypt source too long to hash.
    InMemorySecretStore longSource =
        InMemorySecretStore.builder()
            .application("argocd", Map.of("admin.plaintext_password", CANARY.repeat(8)))
            .build();
    expectFailure(
        UnresolvedSecretsException.class,
        () ->
            engine.sync(
                env, canaryStatics(false), longSource, SyncOptions.defaults(), SyncListener.NONE));
    record(engine.audit(env, canaryStatics(false), longSource, SyncOptions.defaults()));
    record(
        engine.resolve(
            env, canaryStatics(false), engine.read(env, longSource), SyncOptions.defaults()));

    // A store that fails part-way, and one that conflicts.
    expectFailure(
        SyncFailedException.class,
        () ->
            engine.sync(
                env,
                statics,
                new RecordingStore(canaryStore()).failWriteNumber(2),
                SyncOptions.defaults(),
                SyncListener.NONE));
    record(
        engine.sync(
            env,
            statics,
            new RecordingStore(canaryStore()).conflicts(2),
            SyncOptions.defaults(),
            SyncListener.NONE));
    expectFailure(
        StoreException.class,
        () ->
            engine.sync(
                env,
                statics,
                InMemorySecretStore.builder()
                    .readOnly()
                    .application("x", Map.of("k", canary("ro")))
                    .build(),
                SyncOptions.defaults(),
                SyncListener.NONE));

    // Broken file stores whose content holds the canary.
    Path broken = dir.resolve("broken.json");
    Files.writeString(
        broken,
        "{\"format\": \"phalanx-secrets-file-store/1\", \"applications\": {\"" + CANARY + "\"");
    SecretStore brokenStore =
        new FileSecretStoreProvider().create(StoreConfig.of(broken.toString()));
    expectFailure(
        StoreException.class,
        () -> engine.audit(env, statics, brokenStore, SyncOptions.defaults()));
    Path alien = dir.resolve("alien.json");
    Files.writeString(alien, "{\"format\": \"" + CANARY + "\"}");
    SecretStore alienStore = new FileSecretStoreProvider().create(StoreConfig.of(alien.toString()));
    expectFailure(
        StoreException.class, () -> engine.plan(env, statics, alienStore, SyncOptions.defaults()));
    record(brokenStore, alienStore);

    // Static-secrets files with canaries in wrong places.
    Path badTypes = dir.resolve("bad.yaml");
    Files.writeString(
        badTypes,
        "applications:\n  mobu:\n    app-alert-webhook:\n      value: [\""
            + CANARY
            + "\"]\n    other:\n      value: {x: \""
            + CANARY
            + "\"}\noidc-clients:\n  c:\n    id: 1\n    secret: [\""
            + CANARY
            + "\"]\nvault-write-token: ["
            + CANARY
            + "]\n");
    expectFailure(ConfigurationException.class, () -> StaticSecretsFile.read(badTypes));
    Path unknown = dir.resolve("unknown.yaml");
    Files.writeString(
        unknown,
        "applications:\n  nope:\n    key:\n      value: \""
            + CANARY
            + "\"\n  mobu:\n    app-alert-webhook:\n      value: \""
            + CANARY
            + "\"\nvault-write-token: \""
            + CANARY
            + "\"\n");
    StaticSecretsFile file = StaticSecretsFile.read(unknown);
    record(file, file.vaultWriteToken(), file.select(Fixtures.request(env)));
    Path badYaml = dir.resolve("bad-yaml.yaml");
    Files.writeString(
        badYaml, "applications:\n  mobu: {app-alert-webhook: {value: \"" + CANARY + "\"\n");
    expectFailure(ConfigurationException.class, () -> StaticSecretsFile.read(badYaml));
    Path duplicate = dir.resolve("duplicate.yaml");
    Files.writeString(
        duplicate,
        "vault-write-token: \"" + CANARY + "\"\nvault-write-token: \"" + CANARY + "2\"\n");
    expectFailure(ConfigurationException.class, () -> StaticSecretsFile.read(duplicate));
    // Issue 11 item 5: YAML errors in a static-secrets file name file, line and rule only. Each
    // value is one a user could have written unquoted: an alias, a tag, a flow mapping, escapes.
    String[] badValues = {
      "*" + CANARY,
      "!" + CANARY + " x",
      "!<tag:" + CANARY + "> x",
      "!!" + CANARY + " x",
      "{" + CANARY + ": 1, " + CANARY + ": 2}",
      "\"\\q" + CANARY + "\"",
      "\"\\xZZ" + CANARY + "\"",
      "!" + CANARY + "!x y",
      "`" + CANARY,
      "!!binary " + CANARY + "%%",
      "[" + CANARY
    };
    for (int i = 0; i < badValues.length; i++) {
      Path bad = dir.resolve("bad-value-" + i + ".yaml");
      Files.writeString(
          bad,
          "applications:\n  mobu:\n    app-alert-webhook:\n      value: " + badValues[i] + "\n");
      expectFailure(ConfigurationException.class, () -> StaticSecretsFile.read(bad));
    }
    record(SecretRef.of("a", "b"));

    System.err.flush();
    System.out.flush();
    String log = Files.exists(TRACE_LOG) ? Files.readString(TRACE_LOG, StandardCharsets.UTF_8) : "";
    String captured = console.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("sync of example done"), "the trace log captured the engine's logging");
    assertFalse(log.contains(CANARY), "a secret value was logged");
    assertFalse(captured.contains(CANARY), "a secret value was printed");
    assertFalse(seen.isEmpty());
    int at = seen.indexOf(CANARY);
    assertTrue(
        at < 0,
        () ->
            "a secret value leaked into a message, toString or report near: "
                + seen.substring(Math.max(0, at - 200), at).replace(CANARY, "<canary>"));
  }

  /** Writes to two streams. */
  private static final class Tee extends OutputStream {
    private final PrintStream a;
    private final PrintStream b;

    Tee(PrintStream a, PrintStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] bytes, int off, int len) {
      a.write(bytes, off, len);
      b.write(bytes, off, len);
    }

    @Override
    public void flush() {
      a.flush();
      b.flush();
    }
  }
}

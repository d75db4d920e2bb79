package com.example.embedding;

import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.engine.AuditReport;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.engine.SyncListener;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.engine.SyncResult;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.providers.BackendUri;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.report.JsonReports;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StaticSecrets;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The library example of README ("Using the library"), quoted from here: audits an environment's
 * store, prints the report as JSON, and syncs. Run: {@code SyncExample CONFIG ENV STATIC_FILE
 * STORE_URI}.
 */
public final class SyncExample {

  private SyncExample() {}

  /**
   * Audits and syncs.
   *
   * @param config the Phalanx configuration tree
   * @param environment the environment
   * @param staticSecretsFile a static-secrets YAML file
   * @param storeUri where the secrets live, e.g. {@code file:/tmp/secrets.json} or {@code vault:}
   * @param out where to print
   * @return what the sync did
   */
  public static SyncResult run(
      Path config, String environment, Path staticSecretsFile, String storeUri, PrintStream out) {
    // tag::readme[]
    Providers providers = Providers.load(); // stores, sources, generators on the class path
    PhalanxEnvironment env = PhalanxConfig.open(config, providers).environment(environment);
    StaticSecrets statics; // null would mean "no static source": trust the store's values
    try (SecretSource source =
        BackendUri.parse("file:" + staticSecretsFile).openSource(providers)) {
      statics = source.fetch(SecretsEngine.staticSecretsRequest(env, providers));
    }
    SecretsEngine engine = SecretsEngine.builder().generators(providers).build();
    try (SecretStore store = BackendUri.parse(storeUri).openStore(providers, env.settings())) {
      AuditReport before = engine.audit(env, statics, store);
      out.println(JsonReports.audit(env.name(), before)); // what `audit --format json` prints
      return engine.sync(
          env,
          statics,
          store,
          SyncOptions.defaults(), // or .withDelete(true), .withExclude(...), .withRegenerate(...)
          SyncListener.onApplied(
              (op, done, total) -> out.printf("%d/%d %s%n", done, total, op.application())));
    }
    // end::readme[]
  }

  /**
   * Command-line entry point.
   *
   * @param args CONFIG ENV STATIC_FILE STORE_URI
   */
  public static void main(String[] args) {
    SyncResult result = run(Path.of(args[0]), args[1], Path.of(args[2]), args[3], System.out);
    System.out.println(JsonReports.sync(args[1], result));
  }
}

package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.config.PhalanxEnvironment;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.model.StaticSecret;
import dev.phalanx.secrets.spi.BackendUri;
import dev.phalanx.secrets.spi.Prompter;
import dev.phalanx.secrets.spi.Providers;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.SourceConfig;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StaticSecretsRequest;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.StoredApplication;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * What a workflow command works on: the environment, its static secrets, its store and the engine.
 * Built from {@link EngineOptions}.
 */
final class Workspace implements AutoCloseable {

  final Providers providers;
  final PhalanxEnvironment environment;
  final SecretsEngine engine;
  final @Nullable StaticSecrets statics;
  final SecretStore store;
  final SyncOptions options;

  private Workspace(
      Providers providers,
      PhalanxEnvironment environment,
      SecretsEngine engine,
      @Nullable StaticSecrets statics,
      SecretStore store,
      SyncOptions options) {
    this.providers = providers;
    this.environment = environment;
    this.engine = engine;
    this.statics = statics;
    this.store = store;
    this.options = options;
  }

  static Workspace open(String env, EngineOptions opts, PrintWriter err) {
    Providers providers = Providers.load();
    for (String d : providers.diagnostics()) {
      err.println("warning: " + d);
    }
    PhalanxEnvironment environment = opts.config.open(providers).environment(env);
    SecretsEngine engine = SecretsEngine.builder().generators(providers).build();
    StaticSecrets statics = staticSecrets(providers, environment, opts, err);
    SecretStore store = openStore(providers, environment, opts, statics);
    return new Workspace(providers, environment, engine, statics, store, opts.syncOptions());
  }

  /** The static secrets: the chosen source, then prompting for what is still missing. */
  private static @Nullable StaticSecrets staticSecrets(
      Providers providers, PhalanxEnvironment environment, EngineOptions opts, PrintWriter err) {
    Prompter prompter = ConsolePrompter.create().orElse(null);
    String uri = opts.sourceUri(environment, providers);
    StaticSecretsRequest request = request(environment);
    StaticSecrets statics = null;
    if (uri != null) {
      statics = fetchStatics(providers, environment, uri, opts.sourceOptions(uri), err);
    }
    if (opts.prompt) {
      if (prompter == null) {
        throw new PhalanxSecretsException(
            "--prompt needs a terminal, and there is none; give the static secrets with --secrets"
                + " FILE");
      }
      statics = prompted(providers, environment, opts, statics, prompter, request);
    }
    return statics;
  }

  /** Fetches the static secrets of an environment from the source at {@code uri}. */
  static StaticSecrets fetchStatics(
      Providers providers,
      PhalanxEnvironment environment,
      String uri,
      Map<String, String> options,
      PrintWriter err) {
    Uri parsed = Uri.parse(uri, "--secrets/--source");
    Map<String, SecretValue> credentials = new HashMap<>();
    String connectToken = System.getenv("OP_CONNECT_TOKEN");
    if (connectToken != null && !connectToken.isEmpty()) {
      credentials.put("connect-token", SecretValue.of(connectToken));
    }
    StaticSecrets statics;
    try (SecretSource source =
        providers
            .sources()
            .get(parsed.type())
            .create(
                new SourceConfig(
                    parsed.location(),
                    options,
                    credentials,
                    ConsolePrompter.create().orElse(null)))) {
      statics = source.fetch(request(environment));
    }
    statics.warnings().forEach(w -> err.println("warning: " + w));
    return statics;
  }

  private static StaticSecrets prompted(
      Providers providers,
      PhalanxEnvironment environment,
      EngineOptions opts,
      @Nullable StaticSecrets statics,
      Prompter prompter,
      StaticSecretsRequest request) {
    // Ask only for static secrets that have no value in the source or the store.
    Map<String, StoredApplication> stored;
    try (SecretStore store = openStore(providers, environment, opts, statics)) {
      stored = SecretsEngine.builder().generators(providers).build().read(environment, store);
    }
    List<StaticSecret> missing =
        request.secrets().stream()
            .filter(s -> statics == null || statics.value(s.ref()).isEmpty())
            .filter(
                s -> {
                  StoredApplication app = stored.get(s.application());
                  return app == null || !app.data().containsKey(s.key());
                })
            .toList();
    StaticSecrets answers =
        providers
            .sources()
            .get("prompt")
            .create(new SourceConfig("", Map.of(), Map.of(), prompter))
            .fetch(
                new StaticSecretsRequest(environment.settings(), missing, request.oidcClients()));
    return statics == null ? answers : statics.orElse(answers);
  }

  static StaticSecretsRequest request(PhalanxEnvironment environment) {
    return SecretsEngine.staticSecretsRequest(environment);
  }

  static SecretStore openStore(
      Providers providers,
      PhalanxEnvironment environment,
      EngineOptions opts,
      @Nullable StaticSecrets statics) {
    String uri = opts.store;
    if (uri == null) {
      if (providers.stores().find("vault").isEmpty()) {
        throw new UsageException(
            "no --store given and no Vault store is available; use e.g. --store file:PATH");
      }
      uri = "vault:";
    }
    Uri parsed = Uri.parse(uri, "--store");
    Map<String, SecretValue> credentials = new HashMap<>();
    if (statics != null) {
      statics.vaultWriteToken().ifPresent(t -> credentials.put("vault-write-token", t));
    }
    return providers
        .stores()
        .get(parsed.type())
        .create(
            new StoreConfig(
                parsed.location(), opts.storeOptions(), credentials, environment.settings()));
  }

  /**
   * The warnings printed while opening: provider discovery and the static source's.
   *
   * @return the warnings, in order
   */
  List<String> warnings() {
    List<String> all = new ArrayList<>(providers.diagnostics());
    if (statics != null) {
      all.addAll(statics.warnings());
    }
    return all;
  }

  @Override
  public void close() {
    store.close();
  }

  /** A backend URI: {@code type:location}. */
  record Uri(String type, String location) {
    static Uri parse(String uri, String option) {
      try {
        BackendUri parsed = BackendUri.parse(uri);
        return new Uri(parsed.type(), parsed.location());
      } catch (IllegalArgumentException e) {
        throw new UsageException(option + " " + e.getMessage());
      }
    }
  }
}

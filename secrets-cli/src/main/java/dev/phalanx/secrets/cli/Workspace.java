package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.providers.BackendUri;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.Prompter;
import dev.phalanx.secrets.spi.RequestedSecret;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.SecretSourceProvider;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.SecretStoreProvider;
import dev.phalanx.secrets.spi.SourceConfig;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StaticSecretsRequest;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.vault.VaultSecretStore;
import dev.phalanx.secrets.vault.admin.VaultCredentials;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    Preloading.start(providers, opts);
    for (String d : providers.diagnostics()) {
      err.println("warning: " + d);
    }
    return open(providers, opts.config.open(providers), env, opts, err, null);
  }

  /**
   * A workspace of one environment of an already opened tree (the fleet commands share one, and
   * open their stores in {@code groups} so that environments on one server share its connections).
   */
  static Workspace open(
      Providers providers,
      PhalanxConfig config,
      String env,
      EngineOptions opts,
      PrintWriter err,
      @Nullable StoreGroups groups) {
    PhalanxEnvironment environment = config.environment(env);
    opts.excludeWarnings(environment).forEach(w -> err.println("warning: " + w));
    StaticSecrets statics = staticSecrets(providers, environment, opts, err);
    SecretStore store = openStore(providers, environment, opts, statics, groups);
    announceCredentials(store, err);
    SecretsEngine engine =
        SecretsEngine.builder()
            .generators(providers)
            .verificationMemo(VerificationMemos.cacheDirectory())
            .writeConcurrency(writeConcurrency(store))
            .build();
    return new Workspace(providers, environment, engine, statics, store, opts.syncOptions());
  }

  /** Writes a sync keeps in flight to Vault (as many as the Vault store's default reads). */
  static final int VAULT_WRITE_CONCURRENCY = 16;

  /**
   * How many writes a sync may have in flight: {@value #VAULT_WRITE_CONCURRENCY} for Vault (each
   * write is a round trip, and the client is thread-safe), one for every other store. The file
   * store would be safe (it serializes every write under its locks, {@code
   * ConcurrentFileWritesTest}) but gains nothing, as each write rewrites the file; a third-party
   * store is not known to be thread-safe.
   */
  static int writeConcurrency(SecretStore store) {
    return store instanceof VaultSecretStore ? VAULT_WRITE_CONCURRENCY : 1;
  }

  /** The static secrets: the chosen source, then prompting for what is still missing. */
  private static @Nullable StaticSecrets staticSecrets(
      Providers providers, PhalanxEnvironment environment, EngineOptions opts, PrintWriter err) {
    Prompter prompter = ConsolePrompter.create().orElse(null);
    String uri = opts.sourceUri(environment, providers);
    StaticSecretsRequest request = request(providers, environment);
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
    SecretSourceProvider provider = providers.sources().get(parsed.type());
    Map<String, SecretValue> available = new HashMap<>();
    String connectToken = System.getenv("OP_CONNECT_TOKEN");
    if (connectToken != null && !connectToken.isEmpty()) {
      available.put("connect-token", SecretValue.of(connectToken));
    }
    Map<String, SecretValue> credentials = declared(available, provider.credentials());
    StaticSecrets statics;
    try (SecretSource source =
        provider.create(
            new SourceConfig(
                parsed.location(), options, credentials, ConsolePrompter.create().orElse(null)))) {
      statics = source.fetch(request(providers, environment));
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
    List<RequestedSecret> missing =
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

  static StaticSecretsRequest request(Providers providers, PhalanxEnvironment environment) {
    return SecretsEngine.staticSecretsRequest(environment, providers);
  }

  static SecretStore openStore(
      Providers providers,
      PhalanxEnvironment environment,
      EngineOptions opts,
      @Nullable StaticSecrets statics) {
    return openStore(providers, environment, opts, statics, null);
  }

  /** The store of the environment, made in {@code groups} when given. */
  static SecretStore openStore(
      Providers providers,
      PhalanxEnvironment environment,
      EngineOptions opts,
      @Nullable StaticSecrets statics,
      @Nullable StoreGroups groups) {
    String uri = opts.store;
    if (uri == null) {
      if (providers.stores().find("vault").isEmpty()) {
        throw new UsageException(
            "no --store given and no Vault store is available; use e.g. --store file:PATH");
      }
      uri = "vault:";
    }
    Uri parsed = Uri.parse(uri, "--store");
    SecretStoreProvider provider = providers.stores().get(parsed.type());
    Map<String, SecretValue> available = new HashMap<>();
    if (statics != null) {
      statics.vaultWriteToken().ifPresent(t -> available.put("vault-write-token", t));
    }
    StoreConfig config =
        new StoreConfig(
            parsed.location(),
            opts.storeOptions(),
            declared(available, provider.credentials()),
            environment.settings());
    return groups == null ? provider.create(config) : groups.create(provider, config);
  }

  /**
   * The credentials a provider declared ({@code credentials()}), and no others: the static source's
   * Vault write token reaches only stores that take it, the Connect token only sources that take
   * it.
   */
  static Map<String, SecretValue> declared(Map<String, SecretValue> available, Set<String> names) {
    Map<String, SecretValue> out = new HashMap<>(available);
    out.keySet().retainAll(names);
    return out;
  }

  /**
   * Says once, on stderr, which token a Vault store uses when it is not {@code VAULT_TOKEN}: the
   * file {@code $HOME/.vault-token} or the static secrets' write token.
   */
  static void announceCredentials(Object backend, PrintWriter err) {
    String source = null;
    if (backend instanceof VaultSecretStore vault) {
      source = vault.credentialSource();
    } else if (backend instanceof VaultCredentials credentials) {
      source = credentials.credentialSource();
    }
    if (source != null && (source.startsWith("the file ") || source.startsWith("the static"))) {
      err.println("Using the Vault token from " + source + " (VAULT_TOKEN is not set).");
      err.flush();
    }
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

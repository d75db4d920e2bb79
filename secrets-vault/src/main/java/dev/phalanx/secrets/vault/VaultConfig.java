package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.http.HttpSettings;
import dev.phalanx.secrets.model.EnvironmentSettings;
import dev.phalanx.secrets.spi.OptionReader;
import dev.phalanx.secrets.spi.StoreConfig;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A {@link StoreConfig} read and checked, every problem reported at once.
 *
 * <p>The Vault URL comes from the environment's {@code vaultUrl}, overridden only by the option
 * {@code vault-url}; {@code VAULT_ADDR} is deliberately ignored so that a stray shell variable can
 * never send an environment's secrets to another server. The path prefix comes from the
 * environment's {@code vaultPathPrefix}, overridden by a non-empty store location.
 */
record VaultConfig(
    VaultClientOptions client,
    Kv2Paths paths,
    ClientAuthentication authentication,
    int concurrency,
    boolean tokenRenewal) {

  static final int DEFAULT_CONCURRENCY = 16;

  static VaultConfig from(StoreConfig config, Function<String, @Nullable String> env, Path home) {
    Map<String, String> raw = config.options();
    OptionReader options = OptionReader.of("Vault store", raw);
    EnvironmentSettings environment = config.environment();
    String url = options.string("vault-url");
    if (url == null) {
      url = environment == null ? "" : environment.vaultUrl();
    }
    URI address = null;
    if (url.isBlank()) {
      options.problem(
          SUBJECT,
          "no Vault URL: "
              + (environment == null
                  ? "no environment given"
                  : "environment " + environment.name() + " sets no vaultUrl")
              + "; pass --vault-url (VAULT_ADDR is not used)");
    } else {
      try {
        address = URI.create(url.strip());
      } catch (IllegalArgumentException e) {
        options.problem(SUBJECT, "invalid Vault URL '" + url + "'");
      }
    }
    String prefix = config.location().isBlank() ? "" : config.location();
    if (prefix.isBlank() && environment != null) {
      prefix = environment.vaultPathPrefix();
    }
    Kv2Paths paths = null;
    if (prefix.isBlank()) {
      options.problem(
          SUBJECT, "no Vault path prefix: give vault:<mount>/<path> or set vaultPathPrefix");
    } else {
      try {
        paths = Kv2Paths.parse(prefix);
      } catch (PhalanxSecretsException e) {
        options.problem(SUBJECT, String.valueOf(e.getMessage()));
      }
    }
    HttpSettings http = HttpSettings.read(options, VaultClientOptions.DEFAULT_HTTP);
    int concurrency = options.integer("concurrency", DEFAULT_CONCURRENCY, 1, 256);
    boolean renewal = options.bool("token-renewal", true);
    String namespace = options.string("namespace");
    String ca = options.string("ca-cert");
    if (ca == null) {
      ca = env.apply("VAULT_CACERT");
    }
    Path caPath = ca == null || ca.isBlank() ? null : Path.of(ca.strip());
    // Read by the authentication as text: declared here so that they are not unknown.
    options.known("auth", "auth-mount", "role-id", "kubernetes-role", "kubernetes-jwt-path");
    ClientAuthentication auth = null;
    try {
      auth = ClientAuthentication.fromOptions(raw, config.credentials(), env, home);
    } catch (PhalanxSecretsException e) {
      options.problem(SUBJECT, String.valueOf(e.getMessage()));
    }
    VaultClientOptions client = null;
    if (address != null) {
      try {
        client = new VaultClientOptions(address, namespace, http, caPath);
      } catch (IllegalArgumentException e) {
        options.problem(SUBJECT, String.valueOf(e.getMessage()));
      }
    }
    options.check();
    if (client == null || paths == null || auth == null) {
      throw new ConfigurationException(new Problem(null, SUBJECT, "invalid configuration"));
    }
    return new VaultConfig(client, paths, auth, concurrency, renewal);
  }

  private static final String SUBJECT = "vault store";

  /** Settings only: the authentication prints its method name, never a credential. */
  @Override
  public String toString() {
    return "VaultConfig[" + client.address() + " " + paths + " " + authentication + "]";
  }
}

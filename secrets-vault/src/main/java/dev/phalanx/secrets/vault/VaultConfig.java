package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.model.EnvironmentSettings;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.vault.authentication.ClientAuthentication;
import dev.phalanx.secrets.vault.client.VaultClientOptions;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

  static final Set<String> OPTIONS =
      Set.of(
          "vault-url",
          "namespace",
          "ca-cert",
          "connect-timeout",
          "request-timeout",
          "retry-attempts",
          "retry-initial-delay",
          "retry-max-delay",
          "retry-max-total",
          "concurrency",
          "token-renewal",
          "auth",
          "auth-mount",
          "role-id",
          "kubernetes-role",
          "kubernetes-jwt-path");

  static VaultConfig from(StoreConfig config, Function<String, @Nullable String> env, Path home) {
    Map<String, String> options = config.options();
    List<Problem> problems = new ArrayList<>();
    Set<String> unknown = new TreeSet<>(options.keySet());
    unknown.removeAll(OPTIONS);
    if (!unknown.isEmpty()) {
      problems.add(
          problem(
              "unknown Vault store option(s) " + unknown + "; known: " + new TreeSet<>(OPTIONS)));
    }
    EnvironmentSettings environment = config.environment();
    String url = options.get("vault-url");
    if (url == null || url.isBlank()) {
      url = environment == null ? "" : environment.vaultUrl();
    }
    URI address = null;
    if (url.isBlank()) {
      problems.add(
          problem(
              "no Vault URL: "
                  + (environment == null
                      ? "no environment given"
                      : "environment " + environment.name() + " sets no vaultUrl")
                  + "; pass --vault-url (VAULT_ADDR is not used)"));
    } else {
      try {
        address = URI.create(url.strip());
      } catch (IllegalArgumentException e) {
        problems.add(problem("invalid Vault URL '" + url + "'"));
      }
    }
    String prefix = config.location().isBlank() ? "" : config.location();
    if (prefix.isBlank() && environment != null) {
      prefix = environment.vaultPathPrefix();
    }
    Kv2Paths paths = null;
    if (prefix.isBlank()) {
      problems.add(
          problem("no Vault path prefix: give vault:<mount>/<path> or set vaultPathPrefix"));
    } else {
      try {
        paths = Kv2Paths.parse(prefix);
      } catch (PhalanxSecretsException e) {
        problems.add(problem(e.getMessage()));
      }
    }
    Duration connect =
        duration(options, "connect-timeout", VaultClientOptions.DEFAULT_CONNECT_TIMEOUT, problems);
    Duration request =
        duration(options, "request-timeout", VaultClientOptions.DEFAULT_REQUEST_TIMEOUT, problems);
    VaultClientOptions.Retry d = VaultClientOptions.Retry.DEFAULTS;
    int attempts = integer(options, "retry-attempts", d.maxAttempts(), 1, 20, problems);
    Duration initial = duration(options, "retry-initial-delay", d.initialDelay(), problems);
    Duration maxDelay = duration(options, "retry-max-delay", d.maxDelay(), problems);
    Duration maxTotal = duration(options, "retry-max-total", d.maxTotal(), problems);
    int concurrency = integer(options, "concurrency", DEFAULT_CONCURRENCY, 1, 256, problems);
    String renewal = options.getOrDefault("token-renewal", "true");
    if (!renewal.equals("true") && !renewal.equals("false")) {
      problems.add(problem("option token-renewal must be true or false"));
    }
    String ca = options.get("ca-cert");
    if (ca == null || ca.isBlank()) {
      ca = env.apply("VAULT_CACERT");
    }
    Path caPath = ca == null || ca.isBlank() ? null : Path.of(ca.strip());
    ClientAuthentication auth = null;
    try {
      auth = ClientAuthentication.fromOptions(options, config.credentials(), env, home);
    } catch (PhalanxSecretsException e) {
      problems.add(problem(e.getMessage()));
    }
    VaultClientOptions client = null;
    if (address != null) {
      try {
        client =
            new VaultClientOptions(
                address,
                options.get("namespace"),
                connect,
                request,
                new VaultClientOptions.Retry(attempts, initial, maxDelay, maxTotal),
                caPath);
      } catch (IllegalArgumentException e) {
        problems.add(problem(e.getMessage()));
      }
    }
    if (!problems.isEmpty() || client == null || paths == null || auth == null) {
      throw new ConfigurationException(problems);
    }
    return new VaultConfig(client, paths, auth, concurrency, renewal.equals("true"));
  }

  private static Problem problem(@Nullable String message) {
    return new Problem(null, "vault store", String.valueOf(message));
  }

  private static Duration duration(
      Map<String, String> options, String name, Duration fallback, List<Problem> problems) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      problems.add(problem("option " + name + ": " + e.getMessage()));
      return fallback;
    }
  }

  private static int integer(
      Map<String, String> options,
      String name,
      int fallback,
      int min,
      int max,
      List<Problem> problems) {
    String value = options.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(value.strip());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add(problem("option " + name + " must be an integer from " + min + " to " + max));
    return fallback;
  }

  /** Settings only: the authentication prints its method name, never a credential. */
  @Override
  public String toString() {
    return "VaultConfig[" + client.address() + " " + paths + " " + authentication + "]";
  }
}

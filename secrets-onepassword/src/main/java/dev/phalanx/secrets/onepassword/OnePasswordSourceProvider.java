package dev.phalanx.secrets.onepassword;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.SourceException;
import dev.phalanx.secrets.http.BackendHttp;
import dev.phalanx.secrets.http.HttpSettings;
import dev.phalanx.secrets.http.RetryPolicy;
import dev.phalanx.secrets.spi.Durations;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.SecretSourceProvider;
import dev.phalanx.secrets.spi.SourceConfig;
import java.util.Set;

/**
 * The {@code onepassword} source type: static secrets from a 1Password Connect server (source URI
 * {@code onepassword:}, no location).
 *
 * <p><b>Credential</b> {@code connect-token} (the command line tool takes it from {@code
 * OP_CONNECT_TOKEN}) is required. It is sent only as a Bearer token and never appears in a message,
 * log line or {@code toString()}.
 *
 * <p><b>Options</b> (all optional):
 *
 * <ul>
 *   <li>{@code layout}: {@code environment} (default; one vault per environment, one item per
 *       application) or {@code legacy} (one shared vault, items tagged with {@code
 *       generate_secrets_key});
 *   <li>{@code vault-title}: the vault, instead of the environment's {@code onepassword.vaultTitle}
 *       ({@code RSP-Vault} for the legacy layout);
 *   <li>{@code connect-url}: the server, instead of the environment's {@code
 *       onepassword.connectUrl};
 *   <li>{@code missing}: {@code error} (default) or {@code warn}, see below;
 *   <li>{@code concurrency}: item fetches in flight, 1 to 64, default 8;
 *   <li>{@code connect-timeout} (default {@code 10s}), {@code request-timeout} (default {@code
 *       30s}), {@code retry-max-attempts} (default 4), {@code retry-initial-backoff} (default
 *       {@code 500ms}), {@code retry-max-backoff} (default {@code 10s}), {@code retry-max-total}
 *       (default {@code 2m}), {@code retry-after-max} (default {@code 60s}): the shared rules and
 *       names of {@link HttpSettings} and {@link RetryPolicy}; durations in the one grammar of
 *       {@link Durations}.
 * </ul>
 *
 * <p><b>Missing secrets.</b> As in Phalanx, a static secret whose application item or field is
 * absent from the vault is an error, and every missing item and field is reported together in one
 * {@link SourceException}, along with any other problem found (ambiguous titles, invalid base64 in
 * an {@code onepassword.encoded} value, malformed sections). With {@code missing=warn}, missing
 * secrets are instead left without a value (the engine falls back to the value in the store, or
 * reports them unresolved) and listed in one warning. The items {@code pull-secret}, {@code
 * oidc-clients} and {@code vault-write-token} are optional either way.
 *
 * <p><b>Requests.</b> Titles are matched exactly on the client side (titles with quotes or
 * backslashes work): per source, the vault list and each vault's item summaries are read once and
 * each item is fetched at most once. The environment layout fetches only the items the request
 * needs; the legacy layout must fetch every item of the shared vault.
 */
public final class OnePasswordSourceProvider implements SecretSourceProvider {

  /** Creates the provider; does nothing else. */
  public OnePasswordSourceProvider() {}

  /**
   * The type key.
   *
   * @return {@code onepassword}
   */
  @Override
  public String type() {
    return "onepassword";
  }

  /**
   * Creates a source; no I/O happens until {@link SecretSource#fetch}.
   *
   * @param config no location; the options above; credential {@code connect-token}
   * @return the source
   * @throws ConfigurationException when an option is invalid (every problem at once) or the token
   *     is missing
   */
  @Override
  public SecretSource create(SourceConfig config) {
    OnePasswordOptions options = OnePasswordOptions.parse(config);
    SecretValue token =
        config
            .credential("connect-token")
            .filter(t -> !t.reveal().isBlank())
            .orElseThrow(
                () ->
                    new ConfigurationException(
                        new Problem(
                            null,
                            "1Password Connect",
                            "no Connect token: set OP_CONNECT_TOKEN (credential connect-token)")));
    return new OnePasswordSource(options, token);
  }

  /** Loads the HTTP stack, the JDK's default TLS context and the JSON classes of the client. */
  @Override
  public void preload() {
    BackendHttp.preload();
    try {
      new ObjectMapper().readTree("[{\"id\":\"i\",\"title\":\"t\",\"fields\":[]}]");
    } catch (JacksonException | RuntimeException | LinkageError e) {
      // Only speed is at stake.
    }
  }

  /**
   * The one credential a 1Password source takes.
   *
   * @return {@code connect-token}
   */
  @Override
  public Set<String> credentials() {
    return Set.of("connect-token");
  }
}

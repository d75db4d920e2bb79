package dev.phalanx.secrets.onepassword;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.SourceException;
import dev.phalanx.secrets.http.BackendHttp;
import dev.phalanx.secrets.model.EnvironmentSettings;
import dev.phalanx.secrets.model.OnePasswordSettings;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StaticSecretsRequest;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Static secrets from 1Password Connect. Thread-safe; each vault list, item list and item is read
 * at most once for the life of the source.
 */
final class OnePasswordSource implements SecretSource {

  private static final Logger LOG = LoggerFactory.getLogger(OnePasswordSource.class);

  private final OnePasswordOptions options;
  private final SecretValue token;
  private final Map<String, ConnectSession> sessions = new ConcurrentHashMap<>();

  OnePasswordSource(OnePasswordOptions options, SecretValue token) {
    this.options = options;
    this.token = token;
  }

  @Override
  public String describe() {
    return "1Password Connect"
        + (options.connectUrl() != null ? " at " + options.connectUrl() : "")
        + (options.layout() == OnePasswordOptions.Layout.LEGACY ? " (legacy shared vault)" : "");
  }

  @Override
  public StaticSecrets fetch(StaticSecretsRequest request) {
    EnvironmentSettings env = request.environment();
    String url = connectUrl(env);
    String title = vaultTitle(env);
    ConnectSession session = sessions.computeIfAbsent(url, this::open);
    int before = session.requestCount();
    Findings findings = new Findings();
    VaultLayout layout =
        options.layout() == OnePasswordOptions.Layout.LEGACY
            ? new LegacyLayout()
            : new EnvironmentLayout();
    StaticSecrets.Builder result;
    try {
      result = layout.read(request, session, title, findings);
      findings.finish(
          "1Password vault " + Titles.quote(title) + " at " + url, options.missing(), result);
    } finally {
      LOG.debug(
          "1Password Connect at {}: {} requests for environment {} ({} in all)",
          url,
          session.requestCount() - before,
          env.name(),
          session.requestCount());
    }
    return result.build();
  }

  private String connectUrl(EnvironmentSettings env) {
    String url = options.connectUrl();
    if (url == null) {
      url =
          env.onePassword()
              .map(OnePasswordSettings::connectUrl)
              .filter(u -> !u.isBlank())
              .orElse(null);
    }
    if (url == null) {
      throw new SourceException(
          "environment "
              + env.name()
              + " sets no onepassword.connectUrl; set it in environments/values-"
              + env.name()
              + ".yaml or give the source option connect-url");
    }
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw new SourceException("the 1Password Connect URL '" + url + "' is not a valid URL");
    }
    if (!("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
        || uri.getHost() == null
        || uri.getRawUserInfo() != null
        || uri.getRawQuery() != null
        || uri.getRawFragment() != null) {
      throw new SourceException(
          "the 1Password Connect URL '" + url + "' must be http(s)://host[:port][/path]");
    }
    return url.strip();
  }

  private String vaultTitle(EnvironmentSettings env) {
    if (options.vaultTitle() != null) {
      return options.vaultTitle();
    }
    if (options.layout() == OnePasswordOptions.Layout.LEGACY) {
      return OnePasswordOptions.LEGACY_VAULT;
    }
    return env.onePassword()
        .map(OnePasswordSettings::vaultTitle)
        .filter(t -> !t.isBlank())
        .orElseThrow(
            () ->
                new SourceException(
                    "environment "
                        + env.name()
                        + " sets no onepassword.vaultTitle; set it or give the source option"
                        + " vault-title"));
  }

  private ConnectSession open(String url) {
    BackendHttp http = BackendHttp.open(options.http(), null);
    return new ConnectSession(
        new ConnectClient(http, url, token, options.http().requestTimeout()),
        url,
        options.concurrency());
  }

  /** Releases the connections of every session. */
  @Override
  public void close() {
    sessions.values().forEach(ConnectSession::close);
  }

  /** Requests sent so far, retries included; for tests and diagnostics. */
  int requestCount() {
    return sessions.values().stream().mapToInt(ConnectSession::requestCount).sum();
  }

  /** Never the token. */
  @Override
  public String toString() {
    return "OnePasswordSource[" + describe() + "]";
  }
}

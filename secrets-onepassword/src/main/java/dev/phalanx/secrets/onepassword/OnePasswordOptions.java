package dev.phalanx.secrets.onepassword;

import dev.phalanx.secrets.http.HttpSettings;
import dev.phalanx.secrets.http.RetryPolicy;
import dev.phalanx.secrets.spi.OptionReader;
import dev.phalanx.secrets.spi.SourceConfig;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The source's options, read through the shared {@link OptionReader} (every problem reported
 * together) with the shared HTTP option names of {@link HttpSettings}.
 *
 * @param layout which vault layout to read
 * @param vaultTitle the vault title override, or null to use the environment's (the legacy layout
 *     defaults to {@code RSP-Vault})
 * @param connectUrl the Connect URL override, or null to use the environment's
 * @param missing what to do about missing items and fields
 * @param concurrency how many items are fetched at once
 * @param http timeouts and retries of every request
 */
record OnePasswordOptions(
    Layout layout,
    @Nullable String vaultTitle,
    @Nullable String connectUrl,
    Missing missing,
    int concurrency,
    HttpSettings http) {

  static final String LEGACY_VAULT = "RSP-Vault";

  /**
   * Connect's defaults: connect timeout 10 s, request timeout 30 s; four attempts, backoff 500 ms
   * doubling up to 10 s, at most 2 minutes in all, a {@code Retry-After} of at most 60 s honoured.
   */
  static final HttpSettings DEFAULT_HTTP =
      new HttpSettings(
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          new RetryPolicy(
              4,
              Duration.ofMillis(500),
              Duration.ofSeconds(10),
              Duration.ofMinutes(2),
              Duration.ofSeconds(60)));

  /** The vault layout. */
  enum Layout {
    /** One vault per environment, one item per application (current Phalanx). */
    ENVIRONMENT,
    /** One shared vault, items tagged with {@code generate_secrets_key} (old Phalanx). */
    LEGACY
  }

  /** What a missing item or field means. */
  enum Missing {
    /** Every missing item and field is reported together in one error (Phalanx's behaviour). */
    ERROR,
    /** Missing secrets are left without a value and listed in one warning. */
    WARN
  }

  static OnePasswordOptions parse(SourceConfig config) {
    OptionReader o = OptionReader.of("onepassword source", config.options());
    Layout layout = o.choice("layout", Layout.class, Layout.ENVIRONMENT);
    String vaultTitle = o.string("vault-title");
    String connectUrl = o.string("connect-url");
    Missing missing = o.choice("missing", Missing.class, Missing.ERROR);
    int concurrency = o.integer("concurrency", 8, 1, 64);
    HttpSettings http = HttpSettings.read(o, DEFAULT_HTTP);
    if (!config.location().isBlank()) {
      o.problem(
          "location",
          "the onepassword source takes no location (use onepassword: and the options"
              + " connect-url and vault-title)");
    }
    o.check();
    return new OnePasswordOptions(layout, vaultTitle, connectUrl, missing, concurrency, http);
  }
}

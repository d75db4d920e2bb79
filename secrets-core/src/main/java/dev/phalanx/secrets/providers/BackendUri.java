package dev.phalanx.secrets.providers;

import dev.phalanx.secrets.model.EnvironmentSettings;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.SourceConfig;
import dev.phalanx.secrets.spi.StoreConfig;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A store or source URI, {@code TYPE:LOCATION}, as the command line's {@code --store} and {@code
 * --source} take it: {@code file:/x.json} (type {@code file}, location {@code /x.json}), {@code
 * vault:} (type {@code vault}, empty location: the environment's Vault), {@code onepassword:}.
 *
 * <pre>{@code
 * // with: PhalanxEnvironment env
 * Providers providers = Providers.load();
 * SecretStore store = BackendUri.parse("file:/tmp/secrets.json").openStore(providers, env.settings());
 * }</pre>
 *
 * @param type the provider type, before the first colon; never empty
 * @param location everything after the first colon, possibly empty
 */
public record BackendUri(String type, String location) {

  /** Checks the parts. */
  public BackendUri {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(location, "location");
    if (type.isEmpty()) {
      throw new IllegalArgumentException("a backend URI needs a type before ':'");
    }
  }

  /**
   * Parses {@code TYPE:LOCATION}.
   *
   * @param uri the text
   * @return the URI
   * @throws IllegalArgumentException when there is no type before a colon; the message, which
   *     quotes the text, starts with "must look like"
   */
  public static BackendUri parse(String uri) {
    int colon = uri.indexOf(':');
    if (colon <= 0) {
      throw new IllegalArgumentException(
          "must look like TYPE:LOCATION (e.g. file:secrets.json), got '" + uri + "'");
    }
    return new BackendUri(uri.substring(0, colon), uri.substring(colon + 1));
  }

  /**
   * Creates the store with no options and no credentials.
   *
   * @param providers where to find the store provider of {@link #type()}
   * @param environment the environment's settings (e.g. its Vault URL and path), or null
   * @return the store; close it when done
   * @throws dev.phalanx.secrets.ProviderNotFoundException when no store provider has the type
   */
  public SecretStore openStore(Providers providers, @Nullable EnvironmentSettings environment) {
    return openStore(providers, StoreConfig.builder(location).environment(environment));
  }

  /**
   * Creates the store from a configuration; the builder's location is replaced by {@link
   * #location()}.
   *
   * @param providers where to find the store provider of {@link #type()}
   * @param config options, credentials and environment
   * @return the store; close it when done
   * @throws dev.phalanx.secrets.ProviderNotFoundException when no store provider has the type
   */
  public SecretStore openStore(Providers providers, StoreConfig.Builder config) {
    StoreConfig built = config.build();
    return providers
        .stores()
        .get(type)
        .create(
            new StoreConfig(location, built.options(), built.credentials(), built.environment()));
  }

  /**
   * Creates the source with no options, credentials or prompter.
   *
   * @param providers where to find the source provider of {@link #type()}
   * @return the source; close it when done
   * @throws dev.phalanx.secrets.ProviderNotFoundException when no source provider has the type
   */
  public SecretSource openSource(Providers providers) {
    return providers.sources().get(type).create(SourceConfig.of(location));
  }

  @Override
  public String toString() {
    return type + ":" + location;
  }
}

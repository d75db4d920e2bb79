package dev.phalanx.secrets.spi;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.EnvironmentSettings;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link SecretStoreProvider} is given to create a store.
 *
 * @param location the part of the store URI after {@code type:} (e.g. a path for {@code
 *     file:PATH}); empty when the store derives its location from the environment
 * @param options provider-specific settings (e.g. {@code vault-url}, {@code concurrency}); never
 *     credentials
 * @param credentials named credentials (e.g. {@code vault-token} from the static source), kept out
 *     of {@code options} so they are never printed
 * @param environment the environment being worked on, or null when none
 */
public record StoreConfig(
    String location,
    Map<String, String> options,
    Map<String, SecretValue> credentials,
    @Nullable EnvironmentSettings environment)
    implements BackendConfig {

  /** Copies the maps. */
  public StoreConfig {
    Objects.requireNonNull(location, "location");
    options = Map.copyOf(options);
    credentials = Map.copyOf(credentials);
  }

  /**
   * A configuration with only a location.
   *
   * @param location the location
   * @return the config
   */
  public static StoreConfig of(String location) {
    return new StoreConfig(location, Map.of(), Map.of(), null);
  }

  /**
   * A builder, for a store at a location.
   *
   * @param location the part of the store URI after {@code type:}, empty when the store derives it
   *     from the environment
   * @return a new builder
   */
  public static Builder builder(String location) {
    return new Builder(location);
  }

  /**
   * The environment, when there is one.
   *
   * @return the environment settings
   */
  public Optional<EnvironmentSettings> environmentSettings() {
    return Optional.ofNullable(environment);
  }

  /** Builds a {@link StoreConfig}. Not thread-safe. */
  public static final class Builder extends BackendConfigBuilder<Builder> {
    private @Nullable EnvironmentSettings environment;

    private Builder(String location) {
      super(location);
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Sets the environment being worked on.
     *
     * @param settings the environment's settings, or null for none
     * @return this builder
     */
    public Builder environment(@Nullable EnvironmentSettings settings) {
      this.environment = settings;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     */
    public StoreConfig build() {
      return new StoreConfig(location, options, credentials, environment);
    }
  }
}

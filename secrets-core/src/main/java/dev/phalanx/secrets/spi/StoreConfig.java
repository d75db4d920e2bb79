package dev.phalanx.secrets.spi;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.EnvironmentSettings;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
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
    @Nullable EnvironmentSettings environment) {

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
   * An option's value.
   *
   * @param name the option name
   * @return the value, empty when absent
   */
  public Optional<String> option(String name) {
    return Optional.ofNullable(options.get(name));
  }

  /**
   * A credential.
   *
   * @param name the credential name
   * @return the value, empty when absent
   */
  public Optional<SecretValue> credential(String name) {
    return Optional.ofNullable(credentials.get(name));
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
  public static final class Builder {
    private final String location;
    private final Map<String, String> options = new TreeMap<>();
    private final Map<String, SecretValue> credentials = new TreeMap<>();
    private @Nullable EnvironmentSettings environment;

    private Builder(String location) {
      this.location = Objects.requireNonNull(location, "location");
    }

    /**
     * Sets an option.
     *
     * @param name the option name, e.g. {@code vault-url}
     * @param value its value
     * @return this builder
     */
    public Builder option(String name, String value) {
      options.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /**
     * Sets a credential.
     *
     * @param name the credential name, e.g. {@code vault-token}
     * @param value its value
     * @return this builder
     */
    public Builder credential(String name, SecretValue value) {
      credentials.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
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

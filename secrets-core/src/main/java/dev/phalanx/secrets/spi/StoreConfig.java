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
}

package dev.phalanx.secrets.spi;

import dev.phalanx.secrets.SecretValue;
import java.util.Map;
import java.util.Optional;

/**
 * What a store or source provider is given: a location, options and credentials. Implemented by
 * {@link StoreConfig} and {@link SourceConfig}, which add what only their kind needs.
 */
public sealed interface BackendConfig permits StoreConfig, SourceConfig {

  /**
   * The part of the URI after {@code type:}; empty when the backend derives it from the
   * environment.
   *
   * @return the location
   */
  String location();

  /**
   * Provider-specific settings; never credentials.
   *
   * @return the options by name
   */
  Map<String, String> options();

  /**
   * Named credentials, kept out of {@link #options()} so they are never printed.
   *
   * @return the credentials by name
   */
  Map<String, SecretValue> credentials();

  /**
   * An option's value.
   *
   * @param name the option name
   * @return the value, empty when absent
   */
  default Optional<String> option(String name) {
    return Optional.ofNullable(options().get(name));
  }

  /**
   * A credential.
   *
   * @param name the credential name
   * @return the value, empty when absent
   */
  default Optional<SecretValue> credential(String name) {
    return Optional.ofNullable(credentials().get(name));
  }
}

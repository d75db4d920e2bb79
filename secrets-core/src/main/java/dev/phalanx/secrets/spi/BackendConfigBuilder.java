package dev.phalanx.secrets.spi;

import dev.phalanx.secrets.SecretValue;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What the builders of {@link StoreConfig} and {@link SourceConfig} share: the location, options
 * and credentials.
 *
 * @param <B> the concrete builder
 */
abstract class BackendConfigBuilder<B extends BackendConfigBuilder<B>> {

  final String location;
  final Map<String, String> options = new TreeMap<>();
  final Map<String, SecretValue> credentials = new TreeMap<>();

  BackendConfigBuilder(String location) {
    this.location = Objects.requireNonNull(location, "location");
  }

  abstract B self();

  /**
   * Sets an option.
   *
   * @param name the option name, e.g. {@code vault-url}
   * @param value its value
   * @return this builder
   */
  public B option(String name, String value) {
    options.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return self();
  }

  /**
   * Sets a credential.
   *
   * @param name the credential name, e.g. {@code vault-token} or {@code connect-token}
   * @param value its value
   * @return this builder
   */
  public B credential(String name, SecretValue value) {
    credentials.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
    return self();
  }
}

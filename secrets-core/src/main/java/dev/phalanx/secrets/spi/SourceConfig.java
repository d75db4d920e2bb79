package dev.phalanx.secrets.spi;

import dev.phalanx.secrets.SecretValue;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link SecretSourceProvider} is given to create a source.
 *
 * @param location the part of the source URI after {@code type:} (e.g. a file path); empty when the
 *     source derives its location from the environment
 * @param options provider-specific settings; never credentials
 * @param credentials named credentials (e.g. {@code connect-token})
 * @param prompter how to ask a person for input, or null when nobody is at a terminal
 */
public record SourceConfig(
    String location,
    Map<String, String> options,
    Map<String, SecretValue> credentials,
    @Nullable Prompter prompter)
    implements BackendConfig {

  /** Copies the maps. */
  public SourceConfig {
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
  public static SourceConfig of(String location) {
    return new SourceConfig(location, Map.of(), Map.of(), null);
  }

  /**
   * A builder, for a source at a location.
   *
   * @param location the part of the source URI after {@code type:}, empty when the source derives
   *     it from the environment
   * @return a new builder
   */
  public static Builder builder(String location) {
    return new Builder(location);
  }

  /**
   * The prompter, when a person can be asked.
   *
   * @return the prompter
   */
  public Optional<Prompter> interactive() {
    return Optional.ofNullable(prompter);
  }

  /** Builds a {@link SourceConfig}. Not thread-safe. */
  public static final class Builder extends BackendConfigBuilder<Builder> {
    private @Nullable Prompter prompter;

    private Builder(String location) {
      super(location);
    }

    @Override
    Builder self() {
      return this;
    }

    /**
     * Sets how to ask a person for input.
     *
     * @param prompter the prompter, or null when nobody is at a terminal
     * @return this builder
     */
    public Builder prompter(@Nullable Prompter prompter) {
      this.prompter = prompter;
      return this;
    }

    /**
     * Builds the configuration.
     *
     * @return the configuration
     */
    public SourceConfig build() {
      return new SourceConfig(location, options, credentials, prompter);
    }
  }
}

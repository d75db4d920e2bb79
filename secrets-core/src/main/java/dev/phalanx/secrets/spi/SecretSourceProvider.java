package dev.phalanx.secrets.spi;

/**
 * ServiceLoader entry point for a static source type. Register implementations in {@code
 * META-INF/services/dev.phalanx.secrets.spi.SecretSourceProvider}.
 *
 * <p>A public no-argument constructor, no I/O in it.
 */
public interface SecretSourceProvider {

  /**
   * The type key ({@code file}, {@code onepassword}, {@code prompt}, ...).
   *
   * @return the type
   */
  String type();

  /**
   * Creates a source.
   *
   * @param config location, options, credentials and prompter
   * @return the source
   * @throws dev.phalanx.secrets.PhalanxSecretsException when the configuration is invalid
   */
  SecretSource create(SourceConfig config);
}

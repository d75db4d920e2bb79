package dev.phalanx.secrets.spi;

import java.util.Set;

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

  /**
   * The names of the credentials (e.g. {@code connect-token}) the sources of this type consume. A
   * caller holding credentials hands each provider only those it declares here, so that a secret
   * meant for one backend never reaches another, third-party ones included. The default declares
   * none.
   *
   * @return the credential names, empty by default
   */
  default Set<String> credentials() {
    return Set.of();
  }

  /**
   * Loads ahead of use what this backend will need: its classes, and JDK defaults it initialises
   * (for example the default TLS context), so that a tool can do that work on another thread while
   * it reads its configuration. A caller may call it at most once, before or while it calls {@link
   * #create}, from any thread. It must change nothing but speed: no connection, no file of its own,
   * no logging, no state a later {@code create} depends on, and it never throws. The default does
   * nothing.
   */
  default void preload() {}
}

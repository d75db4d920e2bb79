package dev.phalanx.secrets.spi;

/**
 * Where static secrets come from: 1Password Connect, a static-secrets YAML file, a person at a
 * terminal, or a third-party system. Sources are read-only.
 *
 * <p>Implementations are thread-safe and never log, print or put into exception messages any value
 * or credential.
 */
public interface SecretSource extends AutoCloseable {

  /**
   * A short description for messages, e.g. {@code file secrets.yaml}; no credentials.
   *
   * @return the description
   */
  String describe();

  /**
   * Fetches static values for an environment.
   *
   * @param request the environment and the static secrets it requires
   * @return what the source has; secrets it has no value for are absent
   * @throws dev.phalanx.secrets.SourceException when the source cannot be read; lists every problem
   *     at once
   */
  StaticSecrets fetch(StaticSecretsRequest request);

  /** Releases resources; the default does nothing. */
  @Override
  default void close() {}
}

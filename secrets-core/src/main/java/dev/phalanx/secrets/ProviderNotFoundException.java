package dev.phalanx.secrets;

import java.util.List;

/**
 * No provider is registered for a type key, or two providers claim it. The message lists what is
 * available, or names both conflicting classes.
 */
public final class ProviderNotFoundException extends PhalanxSecretsException {

  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // List.copyOf gives a serializable list; the type says only List
  private final List<String> available;

  /**
   * Creates the exception.
   *
   * @param message what is missing or conflicting, and what is available
   * @param available the type keys that are available
   */
  public ProviderNotFoundException(String message, List<String> available) {
    super(message);
    this.available = List.copyOf(available);
  }

  /**
   * The type keys that could be used instead.
   *
   * @return sorted type keys
   */
  public List<String> available() {
    return available;
  }
}

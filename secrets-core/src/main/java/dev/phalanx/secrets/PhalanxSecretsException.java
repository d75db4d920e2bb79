package dev.phalanx.secrets;

import java.util.List;

/**
 * Root of every exception this library throws. Messages name files, lines, applications, keys and
 * HTTP statuses, never secret values, tokens or credentials.
 */
public class PhalanxSecretsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates an exception.
   *
   * @param message what went wrong, free of secret values
   */
  public PhalanxSecretsException(String message) {
    super(message);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param message what went wrong, free of secret values
   * @param cause the underlying failure
   */
  public PhalanxSecretsException(String message, Throwable cause) {
    super(message, cause);
  }

  /**
   * The individual problems behind this exception; one element for a simple failure.
   *
   * @return the problems, never empty
   */
  public List<Problem> problems() {
    return List.of(new Problem(null, null, getMessage()));
  }
}

package dev.phalanx.secrets;

/**
 * A store operation failed. The message names the store and application and, for remote stores, the
 * status; never a value or credential.
 */
public class StoreException extends PhalanxSecretsException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public StoreException(String message) {
    super(message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed
   * @param cause the underlying failure
   */
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}

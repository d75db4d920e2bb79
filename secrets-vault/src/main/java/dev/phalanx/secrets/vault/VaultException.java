package dev.phalanx.secrets.vault;

import dev.phalanx.secrets.StoreException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Vault request failed. The message names the server, method, path and HTTP status (0 when no
 * response came back) and Vault's error text; never a token or a secret value.
 */
public final class VaultException extends StoreException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String path;

  @SuppressWarnings("serial") // List.copyOf gives a serializable list; the type says only List
  private final List<String> errors;

  /**
   * Creates the exception.
   *
   * @param message what failed, without secrets
   * @param status the HTTP status, 0 when there was no response
   * @param path the Vault API path (after {@code /v1/})
   * @param errors Vault's error texts, empty when none
   * @param cause the underlying failure, or null
   */
  VaultException(
      String message, int status, String path, List<String> errors, @Nullable Throwable cause) {
    super(message, cause);
    this.status = status;
    this.path = path;
    this.errors = List.copyOf(errors);
  }

  /**
   * The HTTP status.
   *
   * @return the status, 0 when no response was received
   */
  public int status() {
    return status;
  }

  /**
   * The Vault API path of the failed request, e.g. {@code secret/data/phalanx/dev/app}.
   *
   * @return the path
   */
  public String path() {
    return path;
  }

  /**
   * Vault's error texts from the response body.
   *
   * @return the errors, empty when there were none
   */
  public List<String> errors() {
    return errors;
  }
}

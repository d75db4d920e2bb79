package dev.phalanx.secrets.testkit.tools;

/** A build tool (the {@code bao} binary, a Python environment) could not be provisioned. */
public final class ToolProvisioningException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message what failed and how to fix it
   */
  public ToolProvisioningException(String message) {
    super(message);
  }

  /**
   * Creates the exception.
   *
   * @param message what failed and how to fix it
   * @param cause the cause
   */
  public ToolProvisioningException(String message, Throwable cause) {
    super(message, cause);
  }
}

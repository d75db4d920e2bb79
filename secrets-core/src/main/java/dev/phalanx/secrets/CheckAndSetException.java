package dev.phalanx.secrets;

/** A conditional write found the application in another state than expected. */
public class CheckAndSetException extends StoreException {

  private static final long serialVersionUID = 1L;

  private final String application;

  /**
   * Creates the exception.
   *
   * @param application the application whose write was refused
   * @param message what was expected and found, without values
   */
  public CheckAndSetException(String application, String message) {
    super(message);
    this.application = application;
  }

  /**
   * The application whose write was refused.
   *
   * @return the application name
   */
  public String application() {
    return application;
  }
}

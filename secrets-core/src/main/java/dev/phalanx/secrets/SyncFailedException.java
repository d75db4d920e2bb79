package dev.phalanx.secrets;

import java.util.List;

/**
 * A sync stopped part-way. Says exactly which applications were written and which were not; a
 * re-run converges from there.
 */
public final class SyncFailedException extends PhalanxSecretsException {

  private static final long serialVersionUID = 1L;

  @SuppressWarnings("serial") // List.copyOf gives a serializable list; the type says only List
  private final List<String> written;

  @SuppressWarnings("serial") // List.copyOf gives a serializable list; the type says only List
  private final List<String> notWritten;

  @SuppressWarnings("serial") // List.copyOf gives a serializable list; the type says only List
  private final List<String> unknown;

  /**
   * Creates the exception.
   *
   * @param reason what stopped the sync
   * @param written applications written before it stopped, in order
   * @param notWritten applications that were to be written but were not
   * @param cause the failure
   */
  public SyncFailedException(
      String reason, List<String> written, List<String> notWritten, Throwable cause) {
    this(reason, written, notWritten, List.of(), cause);
  }

  /**
   * Creates the exception, with applications whose write may or may not have reached the store.
   *
   * @param reason what stopped the sync
   * @param written applications written before it stopped, in order
   * @param notWritten applications that were to be written but were not
   * @param unknown applications whose write failed and that could not be read back to tell
   * @param cause the failure
   */
  public SyncFailedException(
      String reason,
      List<String> written,
      List<String> notWritten,
      List<String> unknown,
      Throwable cause) {
    super(
        "sync stopped: "
            + reason
            + "\n  written: "
            + (written.isEmpty() ? "(none)" : String.join(", ", written))
            + "\n  not written: "
            + (notWritten.isEmpty() ? "(none)" : String.join(", ", notWritten))
            + (unknown.isEmpty()
                ? ""
                : "\n  unknown (the store could not be read back): " + String.join(", ", unknown))
            + "\n  running sync again continues from here",
        cause);
    this.written = List.copyOf(written);
    this.notWritten = List.copyOf(notWritten);
    this.unknown = List.copyOf(unknown);
  }

  /**
   * Applications whose write failed and that could not be read back to tell whether it reached the
   * store.
   *
   * @return application names
   */
  public List<String> unknown() {
    return unknown;
  }

  /**
   * Applications written before the failure.
   *
   * @return application names
   */
  public List<String> written() {
    return written;
  }

  /**
   * Applications that were planned but not written.
   *
   * @return application names
   */
  public List<String> notWritten() {
    return notWritten;
  }
}

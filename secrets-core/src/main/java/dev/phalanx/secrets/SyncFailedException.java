package dev.phalanx.secrets;

import java.util.List;

/**
 * A sync stopped part-way. Says exactly which applications were written and which were not; a
 * re-run converges from there.
 */
public final class SyncFailedException extends PhalanxSecretsException {

  private static final long serialVersionUID = 1L;

  private final List<String> written;
  private final List<String> notWritten;

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
    super(
        "sync stopped: "
            + reason
            + "\n  written: "
            + (written.isEmpty() ? "(none)" : String.join(", ", written))
            + "\n  not written: "
            + (notWritten.isEmpty() ? "(none)" : String.join(", ", notWritten))
            + "\n  running sync again continues from here",
        cause);
    this.written = List.copyOf(written);
    this.notWritten = List.copyOf(notWritten);
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

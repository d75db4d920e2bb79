package dev.phalanx.secrets.http;

import java.io.IOException;

/** A redirect that is not followed: a second one, one from https to http, or a malformed one. */
public final class RedirectRefusedException extends IOException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param message why, naming only scheme, host and port of the target
   */
  public RedirectRefusedException(String message) {
    super(message);
  }
}

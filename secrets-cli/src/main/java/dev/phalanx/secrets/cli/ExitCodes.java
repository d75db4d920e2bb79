package dev.phalanx.secrets.cli;

/** Exit statuses of the command. */
final class ExitCodes {

  /** Success. */
  static final int OK = 0;

  /** A failure, or an audit that found differences. */
  static final int FAILURE = 1;

  /** Bad command-line usage. */
  static final int USAGE = 2;

  private ExitCodes() {}
}

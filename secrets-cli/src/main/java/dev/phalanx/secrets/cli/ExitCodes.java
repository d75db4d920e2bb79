package dev.phalanx.secrets.cli;

/** Exit statuses of the command, Phalanx's: CI can tell drift from breakage. */
final class ExitCodes {

  /** Success; an audit that found the store in line. */
  static final int OK = 0;

  /** An audit ({@code audit}, {@code vault audit}) found differences. */
  static final int FAILURE = 1;

  /** Bad command-line usage. */
  static final int USAGE = 2;

  /** Any error or failure: bad input, unknown environment, unreachable or refusing backends. */
  static final int ERROR = 2;

  private ExitCodes() {}
}

package dev.phalanx.secrets.cli;

/** A usage error found after parsing (e.g. no configuration tree found); exit status 2. */
final class UsageException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  UsageException(String message) {
    super(message);
  }
}

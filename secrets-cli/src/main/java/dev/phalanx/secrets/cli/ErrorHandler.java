package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.RuleConflictException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * Turns failures into one clear message on stderr and exit status 2 (as Phalanx does for every
 * error); a stack trace only with {@code --debug}. Library exceptions never carry secret values, so
 * their messages are printed as they are.
 */
final class ErrorHandler implements IExecutionExceptionHandler {

  private final boolean debug;

  ErrorHandler(boolean debug) {
    this.debug = debug;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cli, ParseResult parseResult) {
    PrintWriter err = cli.getErr();
    if (ex instanceof UsageException) {
      err.println("error: " + ex.getMessage());
      err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
      return ExitCodes.USAGE;
    }
    if (ex instanceof RuleConflictException) {
      // Phalanx raises a usage error when a copy and a generate rule both apply.
      err.println("error: " + ex.getMessage());
      err.flush();
      return ExitCodes.USAGE;
    }
    if (ex instanceof PhalanxSecretsException) {
      err.println("error: " + ex.getMessage());
    } else if (ex instanceof IOException || ex instanceof UncheckedIOException) {
      // File system errors name paths, never values.
      err.println("error: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
    } else {
      // Not one of ours: the class name helps, the message of a foreign exception could hold
      // anything, so it is shown only with --debug.
      err.println(
          "error: unexpected "
              + ex.getClass().getName()
              + (debug ? ": " + ex.getMessage() : " (run with --debug for details)"));
    }
    if (debug) {
      ex.printStackTrace(err);
    }
    err.flush();
    return ExitCodes.ERROR;
  }
}

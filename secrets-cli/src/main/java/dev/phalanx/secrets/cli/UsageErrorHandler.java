package dev.phalanx.secrets.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

/** Bad arguments: one line saying what is wrong, a hint, exit status 2. */
final class UsageErrorHandler implements IParameterExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cli = ex.getCommandLine();
    PrintWriter err = cli.getErr();
    err.println("error: " + ex.getMessage());
    Suggestions.print(ex, err);
    err.println("Try '" + cli.getCommandSpec().qualifiedName() + " --help' for usage.");
    return ExitCodes.USAGE;
  }
}

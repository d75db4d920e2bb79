package dev.phalanx.secrets.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;

/** Entry point of the {@code phalanx-secrets} command. */
public final class Main {

  private Main() {}

  /**
   * Runs the command line and exits with its status.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /**
   * Runs the command line without exiting; used by tests and embedding programs.
   *
   * @param args the arguments
   * @param out standard output
   * @param err standard error
   * @return the exit status: 0 success, 1 an audit found differences, 2 any error or bad usage
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    List<String> options = globalOptions(args);
    boolean trace = options.contains("--trace");
    boolean debug = trace || options.contains("--debug");
    boolean quiet = !debug && (options.contains("--quiet") || options.contains("-q"));
    Logging.configure(debug, trace, quiet);
    CommandLine cli = configure(CommandTree.forArguments(List.of(args)));
    cli.setOut(out);
    cli.setErr(quiet ? new PrintWriter(new QuietWriter(err), true) : err);
    cli.setExecutionExceptionHandler(new ErrorHandler(debug));
    cli.setParameterExceptionHandler(new UsageErrorHandler());
    try {
      return cli.execute(args);
    } finally {
      cli.getErr().flush();
    }
  }

  /** The configured command line, before its streams are set (also used to generate man pages). */
  static CommandLine commandLine() {
    return configure(CommandTree.whole());
  }

  /** Applies the settings and help layout shared by every command. */
  static CommandLine configure(CommandLine cli) {
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    HelpLayout.apply(cli);
    return cli;
  }

  /** The arguments before {@code --}: where the global flags can be. */
  private static List<String> globalOptions(String[] args) {
    List<String> all = List.of(args);
    int end = all.indexOf("--");
    return end < 0 ? all : all.subList(0, end);
  }
}

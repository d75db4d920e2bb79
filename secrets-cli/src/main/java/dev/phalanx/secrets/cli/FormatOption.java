package dev.phalanx.secrets.cli;

import picocli.CommandLine.Option;

/** {@code --format text|json}, shared by the commands that print results. */
final class FormatOption {

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      defaultValue = "text",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  OutputFormat format = OutputFormat.TEXT;

  boolean json() {
    return format == OutputFormat.JSON;
  }
}

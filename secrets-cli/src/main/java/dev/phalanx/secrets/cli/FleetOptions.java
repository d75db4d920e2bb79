package dev.phalanx.secrets.cli;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/** {@code --all} and what goes with it, for {@code audit} and {@code plan}. */
final class FleetOptions {

  @Option(
      names = "--all",
      description =
          "Every environment of the tree, concurrently, each with its own Vault and static source;"
              + " one summary row per environment. Exit 0 all clean, 1 some drift, 2 some error.")
  boolean all;

  @Option(
      names = "--jobs",
      paramLabel = "N",
      defaultValue = "6",
      description = "With --all: environments worked on at once (default: ${DEFAULT-VALUE}).")
  int jobs = 6;

  @Option(
      names = "--secrets-dir",
      paramLabel = "DIR",
      description =
          "With --all: static secrets of environment ENV from DIR/ENV.yaml when that file exists"
              + " (else the environment's default source).")
  @Nullable Path secretsDir;

  /** The environment argument and --all, checked against each other. */
  void check(@Nullable String environment) {
    if (all && environment != null) {
      throw new UsageException("give either an environment or --all, not both");
    }
    if (!all && environment == null) {
      throw new UsageException("missing environment (or --all)");
    }
    if (!all && secretsDir != null) {
      throw new UsageException("--secrets-dir goes with --all; give --secrets FILE instead");
    }
    if (jobs < 1 || jobs > 64) {
      throw new UsageException("--jobs must be between 1 and 64, got " + jobs);
    }
  }
}

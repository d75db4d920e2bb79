package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.providers.Providers;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code -c/--config DIR}: the configuration tree, found upwards from the working directory. */
final class ConfigOptions {

  @Option(
      names = {"-c", "--config"},
      paramLabel = "DIR",
      description =
          "Phalanx configuration tree (default: the nearest directory at or above the working"
              + " directory with applications/ and environments/).")
  Path config;

  PhalanxConfig open(Providers providers) {
    Path root = config;
    if (root == null) {
      root =
          PhalanxConfig.findRoot(Path.of(""))
              .orElseThrow(
                  () ->
                      new UsageException(
                          "no Phalanx configuration tree (a directory with applications/ and"
                              + " environments/) at or above the working directory; use --config"
                              + " DIR"));
    }
    return PhalanxConfig.open(root, providers);
  }
}

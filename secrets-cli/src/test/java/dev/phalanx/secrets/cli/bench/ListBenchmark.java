package dev.phalanx.secrets.cli.bench;

import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.providers.Providers;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Benchmark harness (not a test): loads and lists every environment of a configuration tree in one
 * JVM, with a fresh {@link PhalanxConfig} each round (so every file is read and parsed again), and
 * prints the median and best of the warm rounds.
 *
 * <p>Usage: {@code java -cp ... ListBenchmark TREE [ROUNDS]}
 */
public final class ListBenchmark {

  private ListBenchmark() {}

  /**
   * Runs the benchmark.
   *
   * @param args the tree, then the number of measured rounds (default 30)
   */
  public static void main(String[] args) {
    Path tree = Path.of(args.length > 0 ? args[0] : "../shared/phalanx-config");
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 30;
    Providers providers = Providers.load();
    long sink = 0;
    for (int i = 0; i < 20; i++) {
      sink += round(tree, providers);
    }
    long[] nanos = new long[rounds];
    for (int i = 0; i < rounds; i++) {
      long start = System.nanoTime();
      sink += round(tree, providers);
      nanos[i] = System.nanoTime() - start;
    }
    Arrays.sort(nanos);
    System.out.printf(
        "all environments loaded and listed, warm: median %.1f ms, best %.1f ms, worst %.1f ms"
            + " (%d rounds; %d lines per round)%n",
        nanos[rounds / 2] / 1e6,
        nanos[0] / 1e6,
        nanos[rounds - 1] / 1e6,
        rounds,
        sink / (20 + rounds));
  }

  private static long round(Path tree, Providers providers) {
    PhalanxConfig config = PhalanxConfig.open(tree, providers);
    long lines = 0;
    for (String env : config.environmentNames()) {
      PhalanxEnvironment e = config.environment(env);
      StringBuilder out = new StringBuilder();
      for (Secret s : e.secrets()) {
        out.append(s.application()).append(' ').append(s.key()).append('\n');
        lines++;
      }
    }
    return lines;
  }
}

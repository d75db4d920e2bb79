package dev.phalanx.secrets.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** "Did you mean `sync`?" for a mistyped command or option. */
final class Suggestions {

  private Suggestions() {}

  /** Prints a suggestion when the error is an unknown word close to a known one. */
  static void print(ParameterException ex, PrintWriter err) {
    if (!(ex instanceof UnmatchedArgumentException unmatched)) {
      return;
    }
    List<String> unknown = unmatched.getUnmatched();
    if (unknown.isEmpty()) {
      return;
    }
    String word = unknown.get(0);
    CommandLine cli = ex.getCommandLine();
    List<String> candidates =
        word.startsWith("-")
            ? cli.getCommandSpec().options().stream()
                .flatMap(o -> Arrays.stream(o.names()))
                .toList()
            : List.copyOf(cli.getSubcommands().keySet());
    String best = closest(word, candidates);
    if (best != null) {
      err.println("Did you mean `" + best + "`?");
    }
  }

  /** The candidate nearest to the word, when near enough to be a typo (or a prefix). */
  static @Nullable String closest(String word, List<String> candidates) {
    String w = word.toLowerCase(Locale.ROOT);
    @Nullable String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String c : candidates) {
      String l = c.toLowerCase(Locale.ROOT);
      int d = l.startsWith(w) && w.length() >= 2 ? 1 : distance(w, l);
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    int allowed = Math.max(1, Math.min(3, w.length() / 3));
    return bestDistance <= allowed ? best : null;
  }

  /** Damerau-Levenshtein (optimal string alignment) distance: a swap of two letters counts 1. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}

package dev.phalanx.secrets.vault.admin;

import java.util.ArrayList;
import java.util.List;

/** A unified-style line diff (one hunk covering the whole text), for policy texts. */
final class UnifiedDiff {

  private UnifiedDiff() {}

  static String diff(String expectedName, String expected, String actualName, String actual) {
    List<String> a = lines(expected);
    List<String> b = lines(actual);
    int[][] lcs = new int[a.size() + 1][b.size() + 1];
    for (int i = a.size() - 1; i >= 0; i--) {
      for (int j = b.size() - 1; j >= 0; j--) {
        lcs[i][j] =
            a.get(i).equals(b.get(j))
                ? lcs[i + 1][j + 1] + 1
                : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    StringBuilder out = new StringBuilder();
    out.append("--- ").append(expectedName).append('\n');
    out.append("+++ ").append(actualName).append('\n');
    out.append("@@ -1,").append(a.size()).append(" +1,").append(b.size()).append(" @@\n");
    int i = 0;
    int j = 0;
    while (i < a.size() || j < b.size()) {
      if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
        out.append(' ').append(a.get(i)).append('\n');
        i++;
        j++;
      } else if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) {
        out.append('-').append(a.get(i)).append('\n');
        i++;
      } else {
        out.append('+').append(b.get(j)).append('\n');
        j++;
      }
    }
    return out.toString();
  }

  private static List<String> lines(String text) {
    List<String> out = new ArrayList<>(List.of(text.split("\n", -1)));
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }
}

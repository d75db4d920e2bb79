package dev.phalanx.secrets.onepassword;

import dev.phalanx.secrets.SourceException;
import java.util.List;

/**
 * Exact title matching on the client side. Connect's SCIM {@code filter=title eq "..."} is not used
 * at all: how it escapes quotes and backslashes is undocumented, and listing the summaries once per
 * vault costs one request where a filter costs one per title.
 */
final class Titles {

  private Titles() {}

  /** Every summary whose title is exactly this one. */
  static List<ConnectSummary> matching(List<ConnectSummary> all, String title) {
    return all.stream().filter(s -> s.title().equals(title)).toList();
  }

  /**
   * The one vault with this title.
   *
   * @throws SourceException when there is none, or when there are several (different messages)
   */
  static ConnectSummary oneVault(List<ConnectSummary> vaults, String title, String server) {
    List<ConnectSummary> found = matching(vaults, title);
    if (found.isEmpty()) {
      throw new SourceException(
          "no 1Password vault titled "
              + quote(title)
              + " is visible to the Connect token at "
              + server
              + "; visible vaults: "
              + vaults.stream().map(v -> quote(v.title())).sorted().toList());
    }
    if (found.size() > 1) {
      throw new SourceException(
          found.size()
              + " 1Password vaults are titled "
              + quote(title)
              + " at "
              + server
              + " (ids "
              + found.stream().map(ConnectSummary::id).toList()
              + "); vault titles must be unique");
    }
    return found.get(0);
  }

  /** A title in double quotes, with quotes, backslashes and control characters escaped. */
  static String quote(String title) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : title.toCharArray()) {
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (Character.isISOControl(c)) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }
}

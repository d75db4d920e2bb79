package dev.phalanx.secrets.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Provider options the CLI passes to a static source. */
final class SourceOptions {

  private SourceOptions() {}

  static Map<String, String> of(
      String uri, @Nullable String onepasswordLayout, Map<String, String> explicit) {
    Map<String, String> options = new LinkedHashMap<>(explicit);
    if (onepasswordLayout == null) {
      return options;
    }
    if (!uri.startsWith("onepassword:")) {
      throw new UsageException("--onepassword-layout applies only to the 1Password source");
    }
    if (!onepasswordLayout.equals("environment") && !onepasswordLayout.equals("legacy")) {
      throw new UsageException(
          "--onepassword-layout is environment or legacy, not '" + onepasswordLayout + "'");
    }
    options.put("layout", onepasswordLayout);
    return options;
  }
}

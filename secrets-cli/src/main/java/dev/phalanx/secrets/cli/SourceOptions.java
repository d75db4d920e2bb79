package dev.phalanx.secrets.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Provider options the CLI passes to a static source. */
final class SourceOptions {

  private SourceOptions() {}

  static Map<String, String> of(
      String uri, @Nullable String onePasswordLayout, Map<String, String> explicit) {
    Map<String, String> options = new LinkedHashMap<>(explicit);
    if (onePasswordLayout == null) {
      return options;
    }
    if (!uri.startsWith("onepassword:")) {
      throw new UsageException("--onepassword-layout applies only to the 1Password source");
    }
    if (!onePasswordLayout.equals("environment") && !onePasswordLayout.equals("legacy")) {
      throw new UsageException(
          "--onepassword-layout is environment or legacy, not '" + onePasswordLayout + "'");
    }
    options.put("layout", onePasswordLayout);
    return options;
  }
}

package dev.phalanx.secrets.config;

import dev.phalanx.secrets.Location;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.model.EnvironmentSettings;
import dev.phalanx.secrets.model.OnePasswordSettings;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * Reads an environment's merged settings ({@code environments/values.yaml} under {@code
 * values-ENV.yaml}): enabled applications, 1Password and Vault settings, with Phalanx's lenient
 * booleans.
 */
final class SettingsReader {

  /** The strings pydantic accepts for a boolean (compared in lower case). */
  private static final Map<String, Boolean> BOOLEAN_STRINGS =
      Map.ofEntries(
          Map.entry("0", false),
          Map.entry("off", false),
          Map.entry("f", false),
          Map.entry("false", false),
          Map.entry("n", false),
          Map.entry("no", false),
          Map.entry("1", true),
          Map.entry("on", true),
          Map.entry("t", true),
          Map.entry("true", true),
          Map.entry("y", true),
          Map.entry("yes", true));

  private final ConfigFiles files;

  SettingsReader(ConfigFiles files) {
    this.files = files;
  }

  /** The settings of a known environment; problems are added, not thrown. */
  EnvironmentSettings read(String environment, List<Problem> problems) {
    Path envFile = Path.of("environments", "values-" + environment + ".yaml");
    Map<String, Object> merged =
        Maps.asStringMap(
            Maps.deepMerge(
                files.mapping(Path.of("environments", "values.yaml"), problems),
                files.mapping(envFile, problems)));
    Location at = Location.of(files.display(envFile.toString()));
    SortedMap<String, Boolean> applications = new TreeMap<>();
    Object apps = merged.get("applications");
    if (apps instanceof Map<?, ?> map) {
      map.forEach(
          (name, enabled) -> {
            if (!(name instanceof String app)) {
              problems.add(
                  new Problem(
                      files.nonStringApplicationKey(environment, name),
                      "applications",
                      "application names must be strings, not "
                          + (name == null ? "null" : "a " + typeName(name))
                          + " (quote the name)"));
              return;
            }
            Boolean b = lenientBoolean(enabled);
            if (b == null) {
              problems.add(
                  new Problem(
                      files.applicationLocation(environment, app),
                      "applications." + app,
                      "must be true or false"));
            } else {
              applications.put(app, b);
            }
          });
    } else if (apps != null) {
      problems.add(new Problem(at, "applications", "must be a mapping of name to true/false"));
    }
    OnePasswordSettings onepassword = null;
    Object op = merged.get("onepassword");
    if (op instanceof Map<?, ?> opMap) {
      String url = text(opMap.get("connectUrl"), "onepassword.connectUrl", at, problems);
      String title = text(opMap.get("vaultTitle"), "onepassword.vaultTitle", at, problems);
      if (!url.isEmpty()) {
        onepassword = new OnePasswordSettings(url, title);
      }
    } else if (op != null) {
      problems.add(new Problem(at, "onepassword", "must be a mapping"));
    }
    return new EnvironmentSettings(
        environment,
        text(merged.get("fqdn"), "fqdn", at, problems),
        text(merged.get("vaultUrl"), "vaultUrl", at, problems),
        text(merged.get("vaultPathPrefix"), "vaultPathPrefix", at, problems),
        onepassword,
        applications,
        merged);
  }

  /**
   * A boolean as pydantic reads one in lax mode: a boolean, 0 or 1 (also 0.0 and 1.0), or one of
   * the strings {@code 0 off f false n no 1 on t true y yes} in any case.
   *
   * @return the boolean, or null when the value is none of these
   */
  static @Nullable Boolean lenientBoolean(@Nullable Object value) {
    if (value instanceof Boolean b) {
      return b;
    }
    if (value instanceof Integer || value instanceof Long || value instanceof BigInteger) {
      long n = ((Number) value).longValue();
      boolean small = !(value instanceof BigInteger big) || big.bitLength() < 63;
      return small && (n == 0 || n == 1) ? n == 1 : null;
    }
    if (value instanceof Double d) {
      return d == 0.0 ? Boolean.FALSE : d == 1.0 ? Boolean.TRUE : null;
    }
    if (value instanceof String s) {
      return BOOLEAN_STRINGS.get(s.toLowerCase(Locale.ROOT));
    }
    return null;
  }

  private static String typeName(Object value) {
    if (value instanceof Boolean) {
      return "boolean";
    }
    if (value instanceof Number) {
      return "number";
    }
    if (value instanceof Map<?, ?>) {
      return "mapping";
    }
    if (value instanceof List<?>) {
      return "list";
    }
    return "non-string value";
  }

  private static String text(
      @Nullable Object value, String field, Location at, List<Problem> problems) {
    if (value == null) {
      return "";
    }
    if (value instanceof String s) {
      return s;
    }
    problems.add(new Problem(at, field, "must be a string"));
    return "";
  }
}

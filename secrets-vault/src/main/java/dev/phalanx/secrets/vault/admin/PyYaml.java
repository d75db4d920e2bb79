package dev.phalanx.secrets.vault.admin;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The little of PyYAML's {@code yaml.dump} that Phalanx's {@code vault create-*} output needs:
 * block style, keys sorted, plain scalars unless PyYAML would read them back as another type (then
 * single-quoted), lists as {@code - item} at the key's indentation, timestamps as Python's {@code
 * datetime.isoformat(' ')}. Compatibility-critical: the output must equal Phalanx's byte for byte.
 */
final class PyYaml {

  /** Characters PyYAML prints plain anywhere in a scalar (a conservative subset). */
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._/+-]+");

  /** PyYAML's implicit resolvers (bool, int, float, null, timestamp, merge, value). */
  private static final List<Pattern> IMPLICIT =
      List.of(
          Pattern.compile(
              "yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF"),
          Pattern.compile(
              "[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+"
                  + "|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+"),
          Pattern.compile(
              "[-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+][0-9]+)?|\\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?"
                  + "|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\\.[0-9_]*|[-+]?\\.(?:inf|Inf|INF)"
                  + "|\\.(?:nan|NaN|NAN)"),
          Pattern.compile("~|null|Null|NULL"),
          Pattern.compile(
              "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]"
                  + "|[0-9][0-9][0-9][0-9]-[0-9][0-9]?-[0-9][0-9]?(?:[Tt]|[ \\t]+)[0-9][0-9]?"
                  + ":[0-9][0-9]:[0-9][0-9](?:\\.[0-9]*)?(?:[ \\t]*(?:Z|[-+][0-9][0-9]?"
                  + "(?::[0-9][0-9])?))?"),
          Pattern.compile("<<|="));

  private static final DateTimeFormatter SECONDS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");

  private PyYaml() {}

  /** A string scalar as PyYAML dumps it. */
  static String string(String s) {
    boolean plain = SAFE.matcher(s).matches();
    if (plain) {
      for (Pattern p : IMPLICIT) {
        if (p.matcher(s).matches()) {
          plain = false;
          break;
        }
      }
    }
    return plain ? s : "'" + s.replace("'", "''") + "'";
  }

  /** {@code key: value\n} with a string value. */
  static String entry(String key, String value) {
    return key + ": " + string(value) + "\n";
  }

  /** {@code key:\n- a\n- b\n}, or {@code key: []\n} when empty. */
  static String list(String key, List<String> values) {
    if (values.isEmpty()) {
      return key + ": []\n";
    }
    StringBuilder out = new StringBuilder(key).append(":\n");
    values.forEach(v -> out.append("- ").append(string(v)).append('\n'));
    return out.toString();
  }

  /**
   * A Python {@code datetime} as PyYAML dumps it: {@code isoformat(' ')}, microseconds only when
   * not zero (Pydantic keeps at most microseconds, truncating), the offset as {@code +HH:MM}.
   */
  static String timestamp(OffsetDateTime t) {
    StringBuilder out = new StringBuilder(SECONDS.format(t));
    int micros = t.getNano() / 1000;
    if (micros != 0) {
      out.append(String.format(".%06d", micros));
    }
    out.append(offset(t.getOffset()));
    return out.toString();
  }

  /** What safir's {@code format_datetime_for_logging} prints, in UTC. */
  static String logTimestamp(OffsetDateTime t) {
    OffsetDateTime utc = t.withOffsetSameInstant(ZoneOffset.UTC);
    String text = SECONDS.format(utc);
    int micros = utc.getNano() / 1000;
    return micros == 0 ? text : text + String.format(".%03d", micros / 1000);
  }

  private static String offset(ZoneOffset offset) {
    int total = offset.getTotalSeconds();
    char sign = total < 0 ? '-' : '+';
    int abs = Math.abs(total);
    String out = String.format("%c%02d:%02d", sign, abs / 3600, abs / 60 % 60);
    return abs % 60 == 0 ? out : out + String.format(":%02d", abs % 60);
  }
}

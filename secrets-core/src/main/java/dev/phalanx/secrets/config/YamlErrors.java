package dev.phalanx.secrets.config;

import dev.phalanx.secrets.Location;
import dev.phalanx.secrets.Problem;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.constructor.DuplicateKeyException;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * The messages of YAML parser errors for {@link YamlDocument}: the line, the column and the rule
 * that was broken, scrubbed of anything quoted from the document (which may hold secrets).
 */
final class YamlErrors {

  private YamlErrors() {}

  /** The location of a code point index in the text. */
  static Location at(Path display, String text, int codePointIndex) {
    int line = 1;
    int column = 1;
    int offset = 0;
    for (int i = 0; i < codePointIndex && offset < text.length(); i++) {
      int c = text.codePointAt(offset);
      offset += Character.charCount(c);
      if (c == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new Location(display, line, column);
  }

  /** The rule an unmarked parser error broke (limits); never the file's text. */
  static String limit(Throwable e) {
    if (e instanceof StackOverflowError) {
      return "nesting too deep";
    }
    String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
    if (message.contains("nesting") || message.contains("depth")) {
      return "nesting deeper than " + YamlDocument.MAX_DEPTH + " levels";
    }
    if (message.contains("aliases")) {
      return "more than " + YamlDocument.MAX_ALIASES + " aliases to collections";
    }
    if (message.contains("code points") || message.contains("exceeds the limit")) {
      return "document larger than " + YamlDocument.MAX_BYTES + " characters";
    }
    return "the document cannot be parsed";
  }

  /**
   * A problem naming the line, the column and the parser's rule, without echoing file content
   * (which may hold secrets).
   */
  static Problem problemOf(MarkedYAMLException e, Path display, boolean values) {
    Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
    Location location =
        mark == null
            ? Location.of(display)
            : new Location(display, mark.getLine() + 1, mark.getColumn() + 1);
    return new Problem(location, null, "invalid YAML: " + rule(e, values));
  }

  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
  private static final Pattern CHARACTER_CODE = Pattern.compile("(?s).?\\(\\d+\\)");
  private static final Pattern INDENTATION = Pattern.compile("\\(Do not use .* for indentation\\)");
  private static final Pattern FOUND_COLON = Pattern.compile("(?s)found: .*");

  /**
   * The rule a parser error names, scrubbed of anything that may come from the document: aliases,
   * tags, keys, escape sequences and characters quoted by the parser.
   */
  static String rule(MarkedYAMLException e, boolean values) {
    String problem = e.getProblem() == null ? "" : e.getProblem();
    String context = e.getContext() == null ? "" : e.getContext();
    if (e instanceof DuplicateKeyException) {
      String prefix = "found duplicate key ";
      if (!values && problem.startsWith(prefix)) {
        // Keys of configuration files are names, not values: naming the key helps.
        return "duplicate key " + clean(problem.substring(prefix.length()));
      }
      return "duplicate key (a key may appear only once in a mapping)";
    }
    if (problem.startsWith("Global tag is not allowed")) {
      return "Global tag is not allowed";
    }
    if (problem.startsWith("found undefined alias")) {
      return "undefined alias (a plain value starting with '*' must be quoted)";
    }
    if (problem.contains("anchor") && problem.contains("duplicate")) {
      return "duplicate anchor";
    }
    if (problem.contains("tag") || context.contains("tag")) {
      return "unknown or malformed tag (a plain value starting with '!' must be quoted)";
    }
    if (e instanceof YamlDocument.ValueException) {
      return problem;
    }
    if (problem.contains(" key") && problem.startsWith("found")) {
      return (context.isEmpty() ? "" : scrub(context) + ", ") + "unacceptable key";
    }
    String scrubbed = scrub(problem);
    return context.isEmpty() ? scrubbed : scrub(context) + ", " + scrubbed;
  }

  private static String scrub(String message) {
    String s = INDENTATION.matcher(message).replaceAll("");
    s = FOUND_COLON.matcher(s).replaceAll("found something else");
    s = CHARACTER_CODE.matcher(s).replaceAll("");
    s =
        QUOTED
            .matcher(s)
            .replaceAll(
                m -> {
                  String inner = m.group(1);
                  boolean grammar =
                      inner.matches("<[a-z ]+>")
                          || inner.length() == 1 && ",[]{}:-?#&*!|>%@`\"".contains(inner);
                  return grammar ? Matcher.quoteReplacement(m.group()) : "...";
                });
    s = s.replaceAll("\\s+", " ").trim();
    if (s.endsWith(".") || s.endsWith(",")) {
      s = s.substring(0, s.length() - 1).trim();
    }
    return s.isEmpty() ? "syntax error" : s;
  }

  private static String clean(String message) {
    String oneLine = message.replaceAll("\\p{Cntrl}|\\s+", " ").trim();
    return oneLine.length() > 100 ? oneLine.substring(0, 100) + "..." : oneLine;
  }
}

package dev.phalanx.secrets.onepassword;

import dev.phalanx.secrets.MissingStaticSecretsException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SourceException;
import dev.phalanx.secrets.spi.StaticSecrets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What went wrong while reading a vault, collected so that everything is reported at once: errors
 * (ambiguous titles, bad base64, malformed items) always fail; missing items and fields fail too
 * under {@link OnePasswordOptions.Missing#ERROR}, else become one warning.
 */
final class Findings {

  private final List<Problem> errors = new ArrayList<>();
  private final List<Problem> missing = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();
  private final List<MissingStaticSecretsException.Missing> missingSecrets = new ArrayList<>();

  void error(String subject, String message) {
    errors.add(new Problem(null, subject, message));
  }

  void missing(String subject, String message) {
    missing.add(new Problem(null, subject, message));
  }

  /** A missing item ({@code key} null) or field of an application, as Phalanx reports it. */
  void missing(String subject, String message, String application, @Nullable String key) {
    missing(subject, message);
    missingSecrets.add(new MissingStaticSecretsException.Missing(application, key));
  }

  void warning(String warning) {
    warnings.add(warning);
  }

  /**
   * Throws if anything must fail, else adds the warnings to the result.
   *
   * @param where e.g. {@code 1Password vault "idfdev" at https://...}
   */
  void finish(String where, OnePasswordOptions.Missing policy, StaticSecrets.Builder result) {
    List<Problem> fatal = new ArrayList<>(errors);
    if (policy == OnePasswordOptions.Missing.ERROR) {
      fatal.addAll(missing);
    }
    if (!fatal.isEmpty()) {
      fatal.sort(null);
      String counts =
          (errors.isEmpty() ? "" : errors.size() + " error" + (errors.size() == 1 ? "" : "s"))
              + (!errors.isEmpty() && fatal.size() > errors.size() ? ", " : "")
              + (fatal.size() > errors.size()
                  ? missing.size()
                      + " missing item"
                      + (missing.size() == 1 ? "" : "s")
                      + " or field"
                      + (missing.size() == 1 ? "" : "s")
                  : "");
      String summary = "cannot read static secrets from " + where + " (" + counts + ")";
      if (errors.isEmpty() && missingSecrets.size() == missing.size()) {
        // Phalanx's order: by application (stable, so the keys keep the order they were sought).
        List<MissingStaticSecretsException.Missing> ordered = new ArrayList<>(missingSecrets);
        ordered.sort(Comparator.comparing(MissingStaticSecretsException.Missing::application));
        throw new MissingStaticSecretsException(summary, fatal, ordered);
      }
      throw new SourceException(summary, fatal);
    }
    if (!missing.isEmpty()) {
      List<Problem> sorted = new ArrayList<>(missing);
      sorted.sort(null);
      result.warning(
          where
              + " lacks "
              + sorted.size()
              + " item(s) or field(s); those static secrets fall back to the store: "
              + String.join("; ", sorted.stream().map(Problem::toString).toList()));
    }
    warnings.forEach(result::warning);
  }
}

package dev.phalanx.secrets;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A static source lacks items or fields the environment requires, and nothing else went wrong.
 * Lists what is missing (never a value) so that a command can report it the way Phalanx does.
 */
public final class MissingStaticSecretsException extends SourceException {

  private static final long serialVersionUID = 1L;

  private final transient List<Missing> missing;

  /**
   * Creates the exception.
   *
   * @param summary a one-line summary
   * @param problems every problem, with the reason
   * @param missing what is missing, in the order the source looked for it
   */
  public MissingStaticSecretsException(
      String summary, List<Problem> problems, List<Missing> missing) {
    super(summary, problems);
    this.missing = List.copyOf(missing);
  }

  /**
   * What is missing.
   *
   * @return items (key null) and fields
   */
  public List<Missing> missing() {
    return missing;
  }

  /**
   * One missing item (a whole application) or field (one key).
   *
   * @param application the application, which names the item
   * @param key the key, or null when the whole item is missing
   */
  public record Missing(String application, @Nullable String key) {
    /** Checks the arguments. */
    public Missing {
      Objects.requireNonNull(application, "application");
    }

    /**
     * Phalanx's form: {@code app} for an item, {@code app key} for a field.
     *
     * @return the text
     */
    public String phalanxText() {
      return key == null ? application : application + " " + key;
    }
  }
}

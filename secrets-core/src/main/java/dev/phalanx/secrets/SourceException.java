package dev.phalanx.secrets;

import java.util.List;

/**
 * A static source could not deliver: unreachable, refused, or missing items. Carries every problem
 * found at once; never a value or credential.
 */
public class SourceException extends PhalanxSecretsException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /**
   * Creates the exception.
   *
   * @param message what failed
   */
  public SourceException(String message) {
    super(message);
    this.problems = List.of(new Problem(null, null, message));
  }

  /**
   * Creates the exception with a cause.
   *
   * @param message what failed
   * @param cause the underlying failure
   */
  public SourceException(String message, Throwable cause) {
    super(message, cause);
    this.problems = List.of(new Problem(null, null, message));
  }

  /**
   * Creates the exception for several problems.
   *
   * @param summary a one-line summary
   * @param problems every problem
   */
  public SourceException(String summary, List<Problem> problems) {
    super(summary + (problems.isEmpty() ? "" : ":\n  " + join(problems)));
    this.problems = List.copyOf(problems);
  }

  private static String join(List<Problem> problems) {
    return String.join("\n  ", problems.stream().map(Problem::toString).toList());
  }

  @Override
  public List<Problem> problems() {
    return problems;
  }
}

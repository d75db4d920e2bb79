package dev.phalanx.secrets;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The configuration tree, a spec file or a static-secrets file is invalid. Carries every problem
 * found, each with its file and line, so a user can fix them all in one go.
 */
public class ConfigurationException extends PhalanxSecretsException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /**
   * Creates an exception from a non-empty list of problems.
   *
   * @param problems the problems, in the order to report them
   */
  public ConfigurationException(List<Problem> problems) {
    super(format(problems));
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("no problems");
    }
    this.problems = List.copyOf(problems);
  }

  /**
   * Creates an exception for a single problem.
   *
   * @param problem the problem
   */
  public ConfigurationException(Problem problem) {
    this(List.of(problem));
  }

  private static String format(List<Problem> problems) {
    if (problems.size() == 1) {
      return problems.get(0).toString();
    }
    return problems.size()
        + " problems:\n"
        + problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
  }

  @Override
  public List<Problem> problems() {
    return problems;
  }
}

package dev.phalanx.secrets;

import java.util.List;

/**
 * Some required secrets could not be given a value: static secrets with no value anywhere, copies
 * of secrets the environment does not require, dependency cycles, generation failures. Lists every
 * one of them, never a value.
 */
public final class UnresolvedSecretsException extends PhalanxSecretsException {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /**
   * Creates the exception.
   *
   * @param problems every unresolved secret with the reason
   */
  public UnresolvedSecretsException(List<Problem> problems) {
    super(
        problems.size()
            + (problems.size() == 1 ? " secret" : " secrets")
            + " could not be resolved:\n  "
            + String.join("\n  ", problems.stream().map(Problem::toString).toList()));
    this.problems = List.copyOf(problems);
  }

  @Override
  public List<Problem> problems() {
    return problems;
  }
}

package dev.phalanx.secrets;

import java.util.List;

/**
 * A copy rule and a generate rule of the same secret both apply in an environment (their conditions
 * both hold). Phalanx treats this as a usage error, and so does the command-line tool (exit status
 * 2). Carries every problem of the environment, like its superclass.
 */
public class RuleConflictException extends ConfigurationException {

  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param problems every problem of the environment, at least one of them a rule conflict
   */
  public RuleConflictException(List<Problem> problems) {
    super(problems);
  }
}

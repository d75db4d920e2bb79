package dev.phalanx.secrets.vault.admin;

import java.util.List;

/**
 * The result of {@link VaultCredentials#audit()}: every problem found with the environment's Vault
 * credentials, checked as Phalanx's {@code vault audit} checks them. {@link #toText()} is Phalanx's
 * report byte for byte (empty when clean); {@link #details()} adds what Phalanx does not say: a
 * unified diff (expected then actual) of each policy whose text differs. No token or SecretID
 * appears.
 *
 * <p>Immutable.
 */
public final class CredentialAudit {

  private final String report;
  private final List<String> problems;
  private final String details;

  CredentialAudit(String report, List<String> problems, String details) {
    this.report = report;
    this.problems = List.copyOf(problems);
    this.details = details;
  }

  /**
   * Every problem as one sentence naming its subject (e.g. {@code read AppRole idfdev: Unexpected
   * policy extra}), in report order: read AppRole, then write tokens.
   *
   * @return the problems, empty when all is well
   */
  public List<String> problems() {
    return problems;
  }

  /**
   * Whether nothing was found.
   *
   * @return true when there are no problems
   */
  public boolean isClean() {
    return problems.isEmpty();
  }

  /**
   * The report as Phalanx prints it: {@code No read AppRole (N)}, {@code Problems with read AppRole
   * (N):} and {@code • } items, {@code No write token (token-N)}, {@code Multiple write tokens
   * found}, {@code Problems with write token (token-N):} and items; every line ends with a newline.
   *
   * @return the text, empty when clean
   */
  public String toText() {
    return report;
  }

  /**
   * For each policy whose stored text differs from the expected one, a unified diff, expected then
   * actual; a missing policy is named. Empty when both policies are as expected.
   *
   * @return the text, each line ending with a newline
   */
  public String details() {
    return details;
  }

  @Override
  public String toString() {
    return "CredentialAudit[problems=" + problems.size() + "]";
  }
}

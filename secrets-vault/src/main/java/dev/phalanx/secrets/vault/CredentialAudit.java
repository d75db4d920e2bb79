package dev.phalanx.secrets.vault;

import java.util.List;

/**
 * The result of {@link VaultCredentials#audit()}: every problem found with the environment's Vault
 * credentials. Problems are sentences; a policy whose text differs carries a unified diff (expected
 * then actual) on the lines after its sentence. No token or SecretID appears.
 *
 * <p>Immutable.
 */
public final class CredentialAudit {

  private final List<String> problems;

  CredentialAudit(List<String> problems) {
    this.problems = List.copyOf(problems);
  }

  /**
   * Every problem, in a stable order: read policy, write policy, AppRole, write token.
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
   * The report as text, one problem after another, each ending with a newline.
   *
   * @return the text, empty when clean
   */
  public String toText() {
    StringBuilder out = new StringBuilder();
    for (String p : problems) {
      out.append(p);
      if (!p.endsWith("\n")) {
        out.append('\n');
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "CredentialAudit[problems=" + problems.size() + "]";
  }
}

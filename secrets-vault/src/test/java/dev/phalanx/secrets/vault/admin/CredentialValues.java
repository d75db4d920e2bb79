package dev.phalanx.secrets.vault.admin;

import dev.phalanx.secrets.SecretValue;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Test access to the credential value objects, whose constructors are package-private. */
public final class CredentialValues {

  private CredentialValues() {}

  /** A write token with the given token text. */
  public static WriteToken writeToken(String token) {
    return new WriteToken(
        SecretValue.of(token),
        "acc",
        "token-dev",
        List.of("p"),
        Instant.EPOCH.atOffset(ZoneOffset.UTC),
        List.of(),
        List.of());
  }

  /** A read AppRole with the given SecretID text. */
  public static ReadAppRole readAppRole(String secretId) {
    return new ReadAppRole(
        "dev", "role", SecretValue.of(secretId), "acc", List.of("p"), 0, "0", "0");
  }

  /** An audit with one problem. */
  public static CredentialAudit audit(String problem) {
    return new CredentialAudit(problem + "\n", List.of(problem), "");
  }
}

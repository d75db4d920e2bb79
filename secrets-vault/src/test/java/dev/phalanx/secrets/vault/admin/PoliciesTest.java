package dev.phalanx.secrets.vault.admin;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Credential names, policy texts and their diff")
class PoliciesTest {

  @Test
  @DisplayName("policy names and texts follow the path")
  void policies() {
    Policies p = Policies.of("secret/phalanx/idfdev");
    assertThat(p.readPolicyName()).isEqualTo("phalanx/idfdev/read");
    assertThat(p.writePolicyName()).isEqualTo("phalanx/idfdev/write");
    assertThat(p.name()).isEqualTo("idfdev");
    assertThat(p.readPolicy())
        .isEqualTo(
            "path \"secret/data/phalanx/idfdev/+\" {\n  capabilities = [\"read\"]\n}\n"
                + "path \"secret/metadata/phalanx/idfdev/+\" {\n  capabilities = [\"list\", \"read\"]\n}");
  }

  @Test
  @DisplayName("unified diff marks removed and added lines")
  void diff() {
    String d = UnifiedDiff.diff("expected p", "a\nb\nc\n", "actual p", "a\nB\nc\n");
    assertThat(d).isEqualTo("--- expected p\n+++ actual p\n@@ -1,3 +1,3 @@\n a\n-b\n+B\n c\n");
  }
}

package dev.phalanx.secrets.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.config.PhalanxConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11 item 13: a certificate rule whose validity is inside the 30-day renewal window would be
 * renewed on every sync; it is rejected when the spec is loaded, naming file and line.
 */
@DisplayName("Certificate rules at spec load")
class CertificateRuleLoadTest {

  @TempDir Path dir;

  private PhalanxConfig tree(int validityDays) throws IOException {
    write("environments/values.yaml", "");
    write("environments/values-x.yaml", "applications:\n  tls: true\n");
    write("applications/tls/Chart.yaml", "name: tls\n");
    write(
        "applications/tls/secrets.yaml",
        "tls.key:\n  description: key\n  generate:\n    type: rsa-private-key\n"
            + "tls.crt:\n  description: certificate\n  generate:\n"
            + "    type: x509-certificate\n    source: tls.key\n    commonName: example.com\n"
            + "    validityDays: "
            + validityDays
            + "\n");
    return PhalanxConfig.open(dir, Fixtures.PROVIDERS);
  }

  private void write(String relative, String text) throws IOException {
    Path file = dir.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  @Test
  @DisplayName("validityDays 30 or less is an error with file and line")
  void shortValidityIsRejected() throws IOException {
    PhalanxConfig config = tree(7);
    ConfigurationException e =
        assertThrows(ConfigurationException.class, () -> config.environment("x"));
    assertEquals(1, e.problems().size(), e.getMessage());
    Problem problem = e.problems().get(0);
    assertEquals(dir.resolve("applications/tls/secrets.yaml"), problem.location().file());
    assertEquals(8, problem.location().line());
    assertTrue(problem.message().contains("validityDays must be more than 30"), e.getMessage());
  }

  @Test
  @DisplayName("validityDays 31 loads")
  void validityJustOutsideTheWindowLoads() throws IOException {
    assertEquals(2, tree(31).environment("x").secrets().size());
  }
}

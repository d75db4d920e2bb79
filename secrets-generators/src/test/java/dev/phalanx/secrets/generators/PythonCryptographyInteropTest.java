package dev.phalanx.secrets.generators;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.testkit.TestGenerationContext;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Our keys load in Python {@code cryptography}, and writing them back as Phalanx does gives the
 * same bytes: the PEM is exactly what Python would have stored.
 */
class PythonCryptographyInteropTest {

  private static final String SCRIPT =
      "import sys\n"
          + "from cryptography.hazmat.primitives import serialization as s\n"
          + "pem = sys.stdin.buffer.read()\n"
          + "key = s.load_pem_private_key(pem, password=None)\n"
          + "out = key.private_bytes(s.Encoding.PEM, s.PrivateFormat.PKCS8, s.NoEncryption())\n"
          + "print('same' if out == pem else 'different')\n"
          + "print(key.key_size)\n";

  @ParameterizedTest
  @ValueSource(strings = {"rsa-private-key", "ec-private-key"})
  void pythonReserializesOurKeysByteForByte(String type) {
    String missing = PythonSupport.missingModule("cryptography");
    assertThat(missing).as("python cryptography in the build's environment").isNull();
    SecretGenerator generator = Providers.load().find(type).orElseThrow();
    byte[] pem = generator.generate(TestGenerationContext.builder().build()).revealUtf8();
    PythonSupport.Result result = PythonSupport.run(SCRIPT, pem);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.stdout().lines().toList())
        .containsExactly("same", type.startsWith("rsa") ? "2048" : "256");
    assertThat(new String(pem, StandardCharsets.US_ASCII)).endsWith("-----\n");
  }
}

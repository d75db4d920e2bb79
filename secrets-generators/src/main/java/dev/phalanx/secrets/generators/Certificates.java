package dev.phalanx.secrets.generators;

import dev.phalanx.secrets.SecretValue;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;

/** Reading X.509 certificates from PEM with the JDK. */
final class Certificates {

  private Certificates() {}

  /**
   * The first certificate of a PEM (or DER) text.
   *
   * @return the certificate, empty when the text is not one
   */
  static Optional<X509Certificate> parse(SecretValue pem) {
    try {
      return Optional.of(
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(pem.reveal().getBytes(StandardCharsets.UTF_8))));
    } catch (GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether the certificate's signature verifies with the key. */
  static boolean verifies(X509Certificate certificate, PublicKey key) {
    try {
      certificate.verify(key);
      return true;
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}

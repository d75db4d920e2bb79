package dev.phalanx.secrets.generators;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.testkit.TestGenerationContext;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Builds a CA and a leaf through the generators, as a spec with four secrets would. */
record CertificateChain(
    SecretValue caKey, SecretValue caCert, SecretValue leafKey, SecretValue leafCert) {

  static final Map<String, Object> ISSUER = Map.of("certificate", "ca.crt", "privateKey", "ca.key");

  static SecretValue key(String type) {
    return (type.equals("rsa")
            ? (SecretGenerator) new RsaPrivateKeyGenerator()
            : new EcPrivateKeyGenerator())
        .generate(TestGenerationContext.builder().build());
  }

  static SecretValue selfSignedCa(SecretValue caKey, Instant now) {
    return new X509CertificateGenerator()
        .generate(
            TestGenerationContext.builder()
                .target("app", "ca.crt")
                .now(now)
                .source(caKey)
                .option("commonName", "Test CA")
                .option("ca", true)
                .option("validityDays", 3650)
                .build());
  }

  static TestGenerationContext.Builder leafContext(
      SecretValue leafKey, SecretValue caCert, SecretValue caKey, Instant now) {
    return TestGenerationContext.builder()
        .target("app", "tls.crt")
        .now(now)
        .source(leafKey)
        .option("commonName", "leaf.example.com")
        .option("dnsNames", List.of("leaf.example.com", "*.leaf.example.com"))
        .option("ipAddresses", List.of("10.1.2.3", "::1"))
        .option("validityDays", 90)
        .option("issuer", ISSUER)
        .dependency("ca.crt", caCert)
        .dependency("ca.key", caKey);
  }

  static CertificateChain create(String caKeyType, String leafKeyType, Instant now) {
    SecretValue caKey = key(caKeyType);
    SecretValue caCert = selfSignedCa(caKey, now);
    SecretValue leafKey = key(leafKeyType);
    SecretValue leafCert =
        new X509CertificateGenerator().generate(leafContext(leafKey, caCert, caKey, now).build());
    return new CertificateChain(caKey, caCert, leafKey, leafCert);
  }

  X509Certificate ca() {
    return Certificates.parse(caCert).orElseThrow();
  }

  X509Certificate leaf() {
    return Certificates.parse(leafCert).orElseThrow();
  }
}

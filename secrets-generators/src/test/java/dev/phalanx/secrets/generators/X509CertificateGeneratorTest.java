package dev.phalanx.secrets.generators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.GeneratorOptions;
import dev.phalanx.secrets.spi.GeneratorOption;
import dev.phalanx.secrets.spi.GeneratorOption.Type;
import dev.phalanx.secrets.spi.SourcePolicy;
import dev.phalanx.secrets.spi.Staleness;
import dev.phalanx.secrets.testkit.TestGenerationContext;
import java.io.StringReader;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.openssl.PEMParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class X509CertificateGeneratorTest {

  private static final Instant NOW = Instant.parse("2026-03-14T15:09:26Z");
  private final X509CertificateGenerator generator = new X509CertificateGenerator();

  @ParameterizedTest
  @CsvSource({"ec,ec", "rsa,rsa", "rsa,ec", "ec,rsa"})
  void caSignsLeafAndTheJdkVerifiesTheChain(String caKeyType, String leafKeyType) throws Exception {
    CertificateChain chain = CertificateChain.create(caKeyType, leafKeyType, NOW);
    X509Certificate ca = chain.ca();
    X509Certificate leaf = chain.leaf();
    ca.verify(ca.getPublicKey());
    leaf.verify(ca.getPublicKey());
    assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
    assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(leaf.getBasicConstraints()).isEqualTo(-1);
    assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(leaf.getKeyUsage()[2]).as("keyEncipherment").isTrue();
    assertThat(leaf.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
    assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=leaf.example.com");
    assertThat(leaf.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(
            List.of(2, "leaf.example.com"),
            List.of(2, "*.leaf.example.com"),
            List.of(7, "10.1.2.3"),
            List.of(7, "0:0:0:0:0:0:0:1"));
    assertThat(leaf.getNotBefore().toInstant()).isEqualTo(NOW);
    assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(90)));
    assertThat(ca.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(3650)));
    assertThat(leaf.getSerialNumber().signum()).isPositive();
    assertThat(leaf.getSigAlgName())
        .isEqualTo(caKeyType.equals("rsa") ? "SHA256withRSA" : "SHA256withECDSA");
    // AKI of the leaf = SKI of the CA.
    var caHolder = new X509CertificateHolder(ca.getEncoded());
    var leafHolder = new X509CertificateHolder(leaf.getEncoded());
    var ski =
        org.bouncycastle.asn1.x509.SubjectKeyIdentifier.fromExtensions(caHolder.getExtensions());
    var aki =
        org.bouncycastle.asn1.x509.AuthorityKeyIdentifier.fromExtensions(
            leafHolder.getExtensions());
    assertThat(aki.getKeyIdentifierObject().getOctets()).isEqualTo(ski.getKeyIdentifier());
    // Leaf key matches.
    assertThat(
            Keys.sameKey(
                leaf.getPublicKey(),
                Keys.publicKeyOf(Keys.parsePrivateKey(chain.leafKey()).orElseThrow())
                    .orElseThrow()))
        .isTrue();
  }

  @Test
  void pemIsReadableByBouncyCastle() throws Exception {
    CertificateChain chain = CertificateChain.create("ec", "ec", NOW);
    String pem = chain.leafCert().reveal();
    assertThat(pem)
        .startsWith("-----BEGIN CERTIFICATE-----\n")
        .endsWith("-----END CERTIFICATE-----\n");
    try (PEMParser parser = new PEMParser(new StringReader(pem))) {
      assertThat(parser.readObject()).isInstanceOf(X509CertificateHolder.class);
    }
  }

  @Test
  void selfSignedLeafWithDefaults() throws Exception {
    SecretValue key = CertificateChain.key("ec");
    X509Certificate cert =
        Certificates.parse(
                generator.generate(
                    TestGenerationContext.builder()
                        .now(NOW)
                        .source(key)
                        .option("commonName", "solo")
                        .build()))
            .orElseThrow();
    cert.verify(cert.getPublicKey());
    assertThat(cert.getSubjectAlternativeNames()).isNull();
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    // What the options declare as their defaults is what a rule without them gets.
    assertThat(generator.options())
        .filteredOn(o -> o.defaultValue() != null)
        .extracting(GeneratorOption::name, GeneratorOption::defaultValue)
        .containsExactly(tuple("validityDays", 365L), tuple("ca", false));
  }

  @Test
  void freshRightAfterGeneration() {
    CertificateChain chain = CertificateChain.create("ec", "ec", NOW);
    var leafContext =
        CertificateChain.leafContext(chain.leafKey(), chain.caCert(), chain.caKey(), NOW).build();
    assertThat(generator.checkStale(chain.leafCert(), leafContext)).isEqualTo(Staleness.fresh());
    var caContext =
        TestGenerationContext.builder()
            .source(chain.caKey())
            .now(NOW)
            .option("commonName", "Test CA")
            .option("ca", true)
            .build();
    assertThat(generator.checkStale(chain.caCert(), caContext)).isEqualTo(Staleness.fresh());
  }

  @Test
  void staleWhenTheKeyChanged() {
    CertificateChain chain = CertificateChain.create("ec", "ec", NOW);
    var context =
        CertificateChain.leafContext(CertificateChain.key("ec"), chain.caCert(), chain.caKey(), NOW)
            .build();
    assertThat(generator.checkStale(chain.leafCert(), context).reason())
        .isEqualTo("certificate does not match its private key");
  }

  @Test
  void staleWhenTheIssuerChanged() {
    CertificateChain chain = CertificateChain.create("ec", "ec", NOW);
    // Same CA key, new CA certificate with another subject.
    SecretValue otherCa =
        generator.generate(
            TestGenerationContext.builder()
                .source(chain.caKey())
                .option("commonName", "Another CA")
                .option("ca", true)
                .build());
    var context =
        CertificateChain.leafContext(chain.leafKey(), otherCa, chain.caKey(), NOW).build();
    assertThat(generator.checkStale(chain.leafCert(), context).reason())
        .isEqualTo("issuer changed");
  }

  @Test
  void staleWhenTheIssuerKeyChangedUnderTheSameName() {
    CertificateChain chain = CertificateChain.create("ec", "ec", NOW);
    SecretValue newCaKey = CertificateChain.key("ec");
    SecretValue newCa = CertificateChain.selfSignedCa(newCaKey, NOW);
    var context = CertificateChain.leafContext(chain.leafKey(), newCa, newCaKey, NOW).build();
    assertThat(generator.checkStale(chain.leafCert(), context).reason())
        .isEqualTo("signature does not verify with the issuer certificate");
  }

  @Test
  void staleWithin30DaysOfExpiry() {
    CertificateChain chain = CertificateChain.create("ec", "ec", NOW);
    // The leaf lives 90 days: fresh at day 59, stale from day 60 on.
    Instant day59 = NOW.plus(Duration.ofDays(59));
    Instant day61 = NOW.plus(Duration.ofDays(61));
    assertThat(
            generator
                .checkStale(
                    chain.leafCert(),
                    CertificateChain.leafContext(
                            chain.leafKey(), chain.caCert(), chain.caKey(), day59)
                        .build())
                .stale())
        .isFalse();
    assertThat(
            generator
                .checkStale(
                    chain.leafCert(),
                    CertificateChain.leafContext(
                            chain.leafKey(), chain.caCert(), chain.caKey(), day61)
                        .build())
                .reason())
        .isEqualTo("expires within 30 days");
  }

  @Test
  void staleWhenNotACertificate() {
    var context =
        TestGenerationContext.builder()
            .source(CertificateChain.key("ec"))
            .option("commonName", "x")
            .build();
    Staleness verdict = generator.checkStale(SecretValue.of("garbage-value-123"), context);
    assertThat(verdict.reason())
        .isEqualTo("stored value is not a PEM certificate")
        .doesNotContain("garbage");
  }

  @Test
  void staleWhenTheRuleChanged() {
    CertificateChain chain = CertificateChain.create("ec", "ec", NOW);
    var renamed =
        CertificateChain.leafContext(chain.leafKey(), chain.caCert(), chain.caKey(), NOW)
            .option("commonName", "other.example.com")
            .build();
    assertThat(generator.checkStale(chain.leafCert(), renamed).reason())
        .isEqualTo("subject does not match commonName");
    var moreNames =
        CertificateChain.leafContext(chain.leafKey(), chain.caCert(), chain.caKey(), NOW)
            .option("dnsNames", List.of("leaf.example.com"))
            .build();
    assertThat(generator.checkStale(chain.leafCert(), moreNames).reason())
        .isEqualTo("subject alternative names differ from the rule");
    var nowCa =
        CertificateChain.leafContext(chain.leafKey(), chain.caCert(), chain.caKey(), NOW)
            .option("ca", true)
            .build();
    assertThat(generator.checkStale(chain.leafCert(), nowCa).reason())
        .isEqualTo("CA flag differs from the rule");
  }

  @Test
  void staleWhenNoLongerSelfSigned() {
    CertificateChain chain = CertificateChain.create("ec", "ec", NOW);
    var withoutIssuer =
        TestGenerationContext.builder()
            .now(NOW)
            .source(chain.leafKey())
            .option("commonName", "leaf.example.com")
            .build();
    assertThat(generator.checkStale(chain.leafCert(), withoutIssuer).reason())
        .isEqualTo("certificate is not self-signed");
  }

  @Test
  void declaresItsOptions() {
    assertThat(generator.sourcePolicy()).isEqualTo(SourcePolicy.REQUIRED);
    assertThat(generator.options())
        .extracting(GeneratorOption::name, GeneratorOption::type, GeneratorOption::required)
        .containsExactly(
            tuple("commonName", Type.STRING, true),
            tuple("dnsNames", Type.STRING_LIST, false),
            tuple("ipAddresses", Type.STRING_LIST, false),
            tuple("validityDays", Type.INTEGER, false),
            tuple("ca", Type.BOOLEAN, false),
            tuple("issuer", Type.OBJECT, false));
    assertThat(generator.options().get(5).fields())
        .extracting(GeneratorOption::name, GeneratorOption::type, GeneratorOption::required)
        .containsExactly(
            tuple("certificate", Type.SECRET_KEY, true),
            tuple("privateKey", Type.SECRET_KEY, true));
  }

  @Test
  void validateReportsEverySemanticProblem() {
    var options =
        GeneratorOptions.of(
            Map.of(
                "commonName", " ",
                "dnsNames", List.of("ok.example.com", "bad name", "-bad.example.com"),
                "ipAddresses",
                    List.of("10.0.0.1", "10.0.0.300", "fe80::1", "example.com", "10.0.0.0/8"),
                "validityDays", 0,
                "issuer", Map.of("certificate", "", "privateKey", "ca.key")));
    assertThat(generator.validate(options))
        .containsExactlyInAnyOrder(
            "commonName must not be empty",
            "dnsNames: 'bad name' is not a valid DNS name",
            "dnsNames: '-bad.example.com' is not a valid DNS name",
            "ipAddresses: '10.0.0.300' is not an IPv4 or IPv6 address",
            "ipAddresses: 'example.com' is not an IPv4 or IPv6 address",
            "ipAddresses: '10.0.0.0/8' is not an IPv4 or IPv6 address",
            "validityDays must be between 1 and 36500",
            "issuer.certificate must name a secret");
    assertThat(
            generator.validate(
                GeneratorOptions.of(
                    Map.of(
                        "commonName",
                        "a",
                        "ipAddresses",
                        List.of("192.168.0.1", "2001:db8::2"),
                        "validityDays",
                        36500))))
        .isEmpty();
  }

  @Test
  void aValidityInsideTheRenewalWindowIsRejected() {
    // Issue 11 item 13: 30 days or less would make every sync renew the certificate.
    for (int days : new int[] {1, 7, 30}) {
      assertThat(
              generator.validate(
                  GeneratorOptions.of(Map.of("commonName", "a", "validityDays", days))))
          .singleElement()
          .asString()
          .startsWith("validityDays must be more than 30");
    }
    assertThat(
            generator.validate(GeneratorOptions.of(Map.of("commonName", "a", "validityDays", 31))))
        .isEmpty();
  }

  @Test
  void generationRefusesInvalidOptionsAndBadInputsNamingTheSecret() {
    SecretValue key = CertificateChain.key("ec");
    assertThatThrownBy(
            () ->
                generator.generate(
                    TestGenerationContext.builder()
                        .target("app", "tls.crt")
                        .source(key)
                        .option("commonName", "x")
                        .option("ipAddresses", List.of("nope"))
                        .build()))
        .isInstanceOf(PhalanxSecretsException.class)
        .hasMessageContaining("app/tls.crt")
        .hasMessageContaining("ipAddresses");
    SecretValue notAKey = SecretValue.of("hunter2-not-a-key");
    assertThatThrownBy(
            () ->
                generator.generate(
                    TestGenerationContext.builder()
                        .source(notAKey)
                        .option("commonName", "x")
                        .build()))
        .isInstanceOf(PhalanxSecretsException.class)
        .hasMessageContaining("not an unencrypted RSA or EC private key")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void issuerMustBeACaWhoseKeyMatches() {
    CertificateChain chain = CertificateChain.create("ec", "ec", NOW);
    // The leaf is not a CA.
    assertThatThrownBy(
            () ->
                generator.generate(
                    CertificateChain.leafContext(
                            CertificateChain.key("ec"), chain.leafCert(), chain.leafKey(), NOW)
                        .build()))
        .isInstanceOf(PhalanxSecretsException.class)
        .hasMessageContaining("not a CA certificate");
    // CA certificate with a key that is not its own.
    assertThatThrownBy(
            () ->
                generator.generate(
                    CertificateChain.leafContext(
                            CertificateChain.key("ec"), chain.caCert(), chain.leafKey(), NOW)
                        .build()))
        .isInstanceOf(PhalanxSecretsException.class)
        .hasMessageContaining("does not match the issuer certificate")
        .satisfies(e -> assertThat(e.getCause()).isNull());
  }
}

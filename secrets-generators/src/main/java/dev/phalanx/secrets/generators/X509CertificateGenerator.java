package dev.phalanx.secrets.generators;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.RuleOptions;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.GeneratorOption;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SourcePolicy;
import dev.phalanx.secrets.spi.Staleness;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code x509-certificate}: a PEM certificate for the private key named by {@code source} (RSA or
 * EC), self-signed or signed by an issuer whose certificate and key are other secrets of the same
 * application. Options: see {@link CertificateRule}; staleness: see {@link CertificateStaleness}.
 *
 * <p>Signed with SHA-256 (RSA PKCS#1 v1.5 or ECDSA) through the JDK's own providers; serial number,
 * ECDSA nonces and validity come from the context's random source and clock.
 */
final class X509CertificateGenerator implements SecretGenerator {

  static final String TYPE = "x509-certificate";

  private static final Logger LOG = LoggerFactory.getLogger(X509CertificateGenerator.class);

  /** The key that signs, the issuer name and the authority key identifier. */
  private record Signer(PrivateKey key, X500Name name, AuthorityKeyIdentifier keyId) {
    /** Never prints the key (some providers' key toString shows the private material). */
    @Override
    public String toString() {
      return "Signer[" + name + "]";
    }
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public SourcePolicy sourcePolicy() {
    return SourcePolicy.REQUIRED;
  }

  @Override
  public List<GeneratorOption> options() {
    return CertificateRule.OPTIONS;
  }

  @Override
  public List<String> validate(RuleOptions options) {
    return CertificateRule.validate(options);
  }

  @Override
  public SecretValue generate(GenerationContext context) {
    List<String> problems = validate(context.options());
    if (!problems.isEmpty()) {
      throw GenerationContexts.failure(context, TYPE, String.join("; ", problems));
    }
    CertificateRule rule = CertificateRule.of(context.options());
    PrivateKey key =
        Keys.parsePrivateKey(GenerationContexts.requireSource(context, TYPE))
            .orElseThrow(
                () ->
                    GenerationContexts.failure(
                        context,
                        TYPE,
                        "the source is not an unencrypted RSA or EC private key in PEM"));
    PublicKey publicKey =
        Keys.publicKeyOf(key)
            .orElseThrow(
                () ->
                    GenerationContexts.failure(
                        context, TYPE, "the source key's public key is unknown"));
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      Signer signer =
          rule.issuer() == null
              ? new Signer(key, rule.subject(), utils.createAuthorityKeyIdentifier(publicKey))
              : issuerSigner(context, rule.issuer(), utils);
      Instant notBefore = context.clock().instant().truncatedTo(ChronoUnit.SECONDS);
      Instant notAfter = notBefore.plus(Duration.ofDays(rule.validityDays()));
      // Positive, at most 20 octets, never zero (RFC 5280 4.1.2.2).
      BigInteger serial = new BigInteger(159, context.random()).add(BigInteger.ONE);
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              signer.name(),
              serial,
              Date.from(notBefore),
              Date.from(notAfter),
              rule.subject(),
              publicKey);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(rule.ca()));
      if (rule.ca()) {
        builder.addExtension(
            Extension.keyUsage,
            true,
            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
      } else {
        builder.addExtension(
            Extension.keyUsage,
            true,
            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        builder.addExtension(
            Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
      }
      List<GeneralName> names = rule.subjectAlternativeNames();
      if (!names.isEmpty()) {
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(names.toArray(GeneralName[]::new)));
      }
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
      builder.addExtension(Extension.authorityKeyIdentifier, false, signer.keyId());
      String algorithm =
          Keys.signatureAlgorithm(signer.key())
              .orElseThrow(
                  () ->
                      GenerationContexts.failure(
                          context, TYPE, "the signing key is neither RSA nor EC"));
      ContentSigner contentSigner =
          new JcaContentSignerBuilder(algorithm)
              .setSecureRandom(context.random())
              .build(signer.key());
      return SecretValue.of(Pem.encode("CERTIFICATE", builder.build(contentSigner).getEncoded()));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      // Algorithm lookups and encoding of public data: the cause holds no key material.
      throw new PhalanxSecretsException(
          "cannot generate "
              + TYPE
              + " secret "
              + context.target()
              + ": "
              + e.getClass().getSimpleName(),
          e);
    }
  }

  @Override
  public Staleness checkStale(SecretValue existing, GenerationContext context) {
    Staleness verdict = CertificateStaleness.check(existing, context);
    if (verdict.stale()) {
      LOG.debug("{} {} is stale: {}", TYPE, context.target(), verdict.reason());
    }
    return verdict;
  }

  /** Reads and checks the issuer's certificate and key. */
  private static Signer issuerSigner(
      GenerationContext context, CertificateRule.IssuerKeys keys, JcaX509ExtensionUtils utils)
      throws CertificateEncodingException {
    X509Certificate certificate =
        Certificates.parse(context.dependency(keys.certificate()))
            .orElseThrow(
                () ->
                    GenerationContexts.failure(
                        context,
                        TYPE,
                        "the issuer certificate secret '"
                            + keys.certificate()
                            + "' is not a PEM certificate"));
    PrivateKey key =
        Keys.parsePrivateKey(context.dependency(keys.privateKey()))
            .orElseThrow(
                () ->
                    GenerationContexts.failure(
                        context,
                        TYPE,
                        "the issuer key secret '"
                            + keys.privateKey()
                            + "' is not an unencrypted RSA or EC private key in PEM"));
    if (certificate.getBasicConstraints() < 0) {
      throw GenerationContexts.failure(
          context,
          TYPE,
          "the issuer certificate '" + keys.certificate() + "' is not a CA certificate");
    }
    boolean matches =
        Keys.publicKeyOf(key).map(k -> Keys.sameKey(k, certificate.getPublicKey())).orElse(false);
    if (!matches) {
      throw GenerationContexts.failure(
          context,
          TYPE,
          "the issuer key '"
              + keys.privateKey()
              + "' does not match the issuer certificate '"
              + keys.certificate()
              + "'");
    }
    X500Name name = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
    // Use the issuer's own SKI so that chains also build with CAs made by other tools.
    Extension ski =
        new JcaX509CertificateHolder(certificate).getExtension(Extension.subjectKeyIdentifier);
    AuthorityKeyIdentifier keyId =
        ski != null
            ? new AuthorityKeyIdentifier(
                SubjectKeyIdentifier.getInstance(ski.getParsedValue()).getKeyIdentifier())
            : utils.createAuthorityKeyIdentifier(certificate.getPublicKey());
    return new Signer(key, name, keyId);
  }
}

package dev.phalanx.secrets.generators;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.Staleness;
import java.security.PublicKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;

/** Whether a stored certificate still fits its key, its issuer, its rule and the clock. */
final class CertificateStaleness {

  static final Duration RENEW_BEFORE = Duration.ofDays(CertificateRule.RENEWAL_WINDOW_DAYS);

  private CertificateStaleness() {}

  /** The verdict; reasons are short phrases without values. */
  static Staleness check(SecretValue existing, GenerationContext context) {
    Optional<X509Certificate> parsed = Certificates.parse(existing);
    if (parsed.isEmpty()) {
      return Staleness.stale("stored value is not a PEM certificate");
    }
    X509Certificate cert = parsed.get();
    Optional<PublicKey> publicKey =
        context.source().flatMap(Keys::parsePrivateKey).flatMap(Keys::publicKeyOf);
    if (publicKey.isEmpty()) {
      return Staleness.stale("private key cannot be read");
    }
    if (!Keys.sameKey(cert.getPublicKey(), publicKey.get())) {
      return Staleness.stale("certificate does not match its private key");
    }
    CertificateRule rule = CertificateRule.of(context.options());
    if (rule.issuer() != null) {
      Optional<X509Certificate> issuer =
          Certificates.parse(context.dependency(rule.issuer().certificate()));
      if (issuer.isEmpty()) {
        return Staleness.stale("issuer certificate cannot be read");
      }
      if (!cert.getIssuerX500Principal().equals(issuer.get().getSubjectX500Principal())) {
        return Staleness.stale("issuer changed");
      }
      if (!Certificates.verifies(cert, issuer.get().getPublicKey())) {
        return Staleness.stale("signature does not verify with the issuer certificate");
      }
    } else if (!cert.getIssuerX500Principal().equals(cert.getSubjectX500Principal())
        || !Certificates.verifies(cert, cert.getPublicKey())) {
      return Staleness.stale("certificate is not self-signed");
    }
    Instant renewAt = context.clock().instant().plus(RENEW_BEFORE);
    if (cert.getNotAfter().toInstant().isBefore(renewAt)) {
      return Staleness.stale("expires within 30 days");
    }
    if (!X500Name.getInstance(cert.getSubjectX500Principal().getEncoded()).equals(rule.subject())) {
      return Staleness.stale("subject does not match commonName");
    }
    if (!new HashSet<>(rule.subjectAlternativeNames()).equals(subjectAlternativeNames(cert))) {
      return Staleness.stale("subject alternative names differ from the rule");
    }
    if ((cert.getBasicConstraints() >= 0) != rule.ca()) {
      return Staleness.stale("CA flag differs from the rule");
    }
    return Staleness.fresh();
  }

  private static Set<GeneralName> subjectAlternativeNames(X509Certificate cert) {
    try {
      Extension extension =
          new JcaX509CertificateHolder(cert).getExtension(Extension.subjectAlternativeName);
      if (extension == null) {
        return Set.of();
      }
      return new HashSet<>(
          List.of(GeneralNames.getInstance(extension.getParsedValue()).getNames()));
    } catch (CertificateEncodingException | RuntimeException e) {
      return Set.of();
    }
  }
}

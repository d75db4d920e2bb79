package dev.phalanx.secrets.generators;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.GeneratorOptions;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.GeneratorOption;
import dev.phalanx.secrets.spi.GeneratorOption.Type;
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
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.IPAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code x509-certificate}: a PEM certificate for the private key named by {@code source} (RSA or
 * EC), self-signed or signed by an issuer whose certificate and key are other secrets of the same
 * application.
 *
 * <p>A stored certificate is stale when it no longer matches its key, its issuer or its rule, when
 * it expires within 30 days, or when it cannot be parsed.
 */
final class X509CertificateGenerator implements SecretGenerator {

  static final String TYPE = "x509-certificate";
  static final long DEFAULT_VALIDITY_DAYS = 365;
  static final long MAX_VALIDITY_DAYS = 36_500;
  static final Duration RENEW_BEFORE = Duration.ofDays(30);

  private static final Logger LOG = LoggerFactory.getLogger(X509CertificateGenerator.class);

  private static final Pattern DNS_NAME =
      Pattern.compile(
          "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  private static final List<GeneratorOption> OPTIONS =
      List.of(
          GeneratorOption.required("commonName", Type.STRING, "subject common name (CN)"),
          GeneratorOption.optional(
              "dnsNames", Type.STRING_LIST, "DNS names for the subject alternative names"),
          GeneratorOption.optional(
              "ipAddresses",
              Type.STRING_LIST,
              "IPv4 or IPv6 addresses for the subject alternative names"),
          GeneratorOption.optional(
              "validityDays",
              Type.INTEGER,
              "days from generation until the certificate expires, 1 to 36500; default 365"),
          GeneratorOption.optional(
              "ca",
              Type.BOOLEAN,
              "true for a CA certificate (basicConstraints CA, keyCertSign); default false"),
          GeneratorOption.object(
              "issuer",
              false,
              "the CA that signs the certificate; self-signed when absent",
              List.of(
                  GeneratorOption.required(
                      "certificate",
                      Type.SECRET_KEY,
                      "key of the secret holding the issuer's PEM certificate"),
                  GeneratorOption.required(
                      "privateKey",
                      Type.SECRET_KEY,
                      "key of the secret holding the issuer's PEM private key"))));

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
    return OPTIONS;
  }

  @Override
  public List<String> validate(GeneratorOptions options) {
    List<String> problems = new ArrayList<>();
    Optional<String> commonName = options.string("commonName");
    if (commonName.isEmpty() || commonName.get().isBlank()) {
      problems.add("commonName must not be empty");
    }
    for (String name : options.strings("dnsNames")) {
      if (name.length() > 253 || !DNS_NAME.matcher(name).matches()) {
        problems.add("dnsNames: '" + name + "' is not a valid DNS name");
      }
    }
    for (String address : options.strings("ipAddresses")) {
      if (!IPAddress.isValidIPv4(address) && !IPAddress.isValidIPv6(address)) {
        problems.add("ipAddresses: '" + address + "' is not an IPv4 or IPv6 address");
      }
    }
    Optional<Long> days = options.integer("validityDays");
    if (days.isPresent() && (days.get() < 1 || days.get() > MAX_VALIDITY_DAYS)) {
      problems.add("validityDays must be between 1 and " + MAX_VALIDITY_DAYS);
    }
    if (options.raw("issuer").isPresent()) {
      GeneratorOptions issuer = options.object("issuer");
      for (String field : List.of("certificate", "privateKey")) {
        if (issuer.string(field).filter(s -> !s.isBlank()).isEmpty()) {
          problems.add("issuer." + field + " must name a secret");
        }
      }
    }
    return problems;
  }

  @Override
  public SecretValue generate(GenerationContext context) {
    GeneratorOptions options = context.options();
    List<String> problems = validate(options);
    if (!problems.isEmpty()) {
      throw Support.failure(context, TYPE, String.join("; ", problems));
    }
    PrivateKey key =
        Keys.parsePrivateKey(Support.requireSource(context, TYPE))
            .orElseThrow(
                () ->
                    Support.failure(
                        context,
                        TYPE,
                        "the source is not an unencrypted RSA or EC private key in PEM"));
    PublicKey publicKey =
        Keys.publicKeyOf(key)
            .orElseThrow(
                () -> Support.failure(context, TYPE, "the source key's public key is unknown"));
    X500Name subject = subject(options);
    boolean ca = options.bool("ca").orElse(false);
    try {
      JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
      X500Name issuerName;
      PrivateKey signingKey;
      AuthorityKeyIdentifier authorityKeyId;
      Optional<Issuer> issuer = issuer(context);
      if (issuer.isPresent()) {
        issuerName =
            X500Name.getInstance(issuer.get().certificate().getSubjectX500Principal().getEncoded());
        signingKey = issuer.get().key();
        authorityKeyId = authorityKeyId(utils, issuer.get().certificate());
      } else {
        issuerName = subject;
        signingKey = key;
        authorityKeyId = utils.createAuthorityKeyIdentifier(publicKey);
      }
      Instant notBefore = context.clock().instant().truncatedTo(ChronoUnit.SECONDS);
      long days = options.integer("validityDays").orElse(DEFAULT_VALIDITY_DAYS);
      Instant notAfter = notBefore.plus(Duration.ofDays(days));
      BigInteger serial = new BigInteger(159, context.random()).add(BigInteger.ONE);
      JcaX509v3CertificateBuilder builder =
          new JcaX509v3CertificateBuilder(
              issuerName, serial, Date.from(notBefore), Date.from(notAfter), subject, publicKey);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
      if (ca) {
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
      List<GeneralName> names = subjectAlternativeNames(options);
      if (!names.isEmpty()) {
        builder.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(names.toArray(GeneralName[]::new)));
      }
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
      builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId);
      String algorithm =
          Keys.signatureAlgorithm(signingKey)
              .orElseThrow(
                  () -> Support.failure(context, TYPE, "the signing key is neither RSA nor EC"));
      ContentSigner signer =
          new JcaContentSignerBuilder(algorithm)
              .setSecureRandom(context.random())
              .build(signingKey);
      X509CertificateHolder holder = builder.build(signer);
      return SecretValue.of(Pem.encode("CERTIFICATE", holder.getEncoded()));
    } catch (GeneralSecurityException | OperatorCreationException | IOException e) {
      // These come from algorithm lookups and encoding of public data, never from key material.
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
    Staleness verdict = verdict(existing, context);
    if (verdict.stale()) {
      LOG.debug("{} {} is stale: {}", TYPE, context.target(), verdict.reason());
    }
    return verdict;
  }

  private Staleness verdict(SecretValue existing, GenerationContext context) {
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
    GeneratorOptions options = context.options();
    if (options.raw("issuer").isPresent()) {
      String certificateKey = options.object("issuer").string("certificate").orElse("");
      Optional<X509Certificate> issuer = Certificates.parse(context.dependency(certificateKey));
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
    if (!X500Name.getInstance(cert.getSubjectX500Principal().getEncoded())
        .equals(subject(options))) {
      return Staleness.stale("subject does not match commonName");
    }
    if (!new HashSet<>(subjectAlternativeNames(options)).equals(subjectAlternativeNames(cert))) {
      return Staleness.stale("subject alternative names differ from the rule");
    }
    if ((cert.getBasicConstraints() >= 0) != options.bool("ca").orElse(false)) {
      return Staleness.stale("CA flag differs from the rule");
    }
    return Staleness.fresh();
  }

  private record Issuer(X509Certificate certificate, PrivateKey key) {}

  private static Optional<Issuer> issuer(GenerationContext context) {
    if (context.options().raw("issuer").isEmpty()) {
      return Optional.empty();
    }
    GeneratorOptions issuer = context.options().object("issuer");
    String certificateKey = issuer.string("certificate").orElse("");
    String privateKeyKey = issuer.string("privateKey").orElse("");
    X509Certificate certificate =
        Certificates.parse(context.dependency(certificateKey))
            .orElseThrow(
                () ->
                    Support.failure(
                        context,
                        TYPE,
                        "the issuer certificate secret '"
                            + certificateKey
                            + "' is not a PEM certificate"));
    PrivateKey key =
        Keys.parsePrivateKey(context.dependency(privateKeyKey))
            .orElseThrow(
                () ->
                    Support.failure(
                        context,
                        TYPE,
                        "the issuer key secret '"
                            + privateKeyKey
                            + "' is not an unencrypted RSA or EC private key in PEM"));
    if (certificate.getBasicConstraints() < 0) {
      throw Support.failure(
          context, TYPE, "the issuer certificate '" + certificateKey + "' is not a CA certificate");
    }
    boolean matches =
        Keys.publicKeyOf(key).map(k -> Keys.sameKey(k, certificate.getPublicKey())).orElse(false);
    if (!matches) {
      throw Support.failure(
          context,
          TYPE,
          "the issuer key '"
              + privateKeyKey
              + "' does not match the issuer certificate '"
              + certificateKey
              + "'");
    }
    return Optional.of(new Issuer(certificate, key));
  }

  private static AuthorityKeyIdentifier authorityKeyId(
      JcaX509ExtensionUtils utils, X509Certificate issuer) throws CertificateEncodingException {
    org.bouncycastle.asn1.x509.Extension ski =
        new JcaX509CertificateHolder(issuer).getExtension(Extension.subjectKeyIdentifier);
    if (ski != null) {
      return new AuthorityKeyIdentifier(
          SubjectKeyIdentifier.getInstance(ski.getParsedValue()).getKeyIdentifier());
    }
    return utils.createAuthorityKeyIdentifier(issuer.getPublicKey());
  }

  private static X500Name subject(GeneratorOptions options) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.CN, options.string("commonName").orElse(""))
        .build();
  }

  private static List<GeneralName> subjectAlternativeNames(GeneratorOptions options) {
    List<GeneralName> names = new ArrayList<>();
    for (String name : options.strings("dnsNames")) {
      names.add(new GeneralName(GeneralName.dNSName, name));
    }
    for (String address : options.strings("ipAddresses")) {
      names.add(new GeneralName(GeneralName.iPAddress, address));
    }
    return names;
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

package dev.phalanx.secrets.generators;

import dev.phalanx.secrets.model.GeneratorOptions;
import dev.phalanx.secrets.spi.GeneratorOption;
import dev.phalanx.secrets.spi.GeneratorOption.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.util.IPAddress;
import org.jspecify.annotations.Nullable;

/**
 * The options of an {@code x509-certificate} rule: their declarations, their semantic checks, and
 * the typed values. Holds secret keys' names, never values.
 *
 * @param commonName the subject CN
 * @param dnsNames DNS subject alternative names
 * @param ipAddresses IP address subject alternative names
 * @param validityDays days until expiry
 * @param ca whether the certificate is a CA
 * @param issuer the issuer's secrets, null for a self-signed certificate
 */
record CertificateRule(
    String commonName,
    List<String> dnsNames,
    List<String> ipAddresses,
    long validityDays,
    boolean ca,
    @Nullable IssuerKeys issuer) {

  static final long DEFAULT_VALIDITY_DAYS = 365;
  static final long MAX_VALIDITY_DAYS = 36_500;
  static final boolean DEFAULT_CA = false;

  /** Days before expiry at which a certificate counts as stale and is renewed. */
  static final long RENEWAL_WINDOW_DAYS = 30;

  /**
   * The secret keys (names) of the issuer's certificate and private key.
   *
   * @param certificate key of the issuer certificate secret
   * @param privateKey key of the issuer private key secret
   */
  record IssuerKeys(String certificate, String privateKey) {}

  static final List<GeneratorOption> OPTIONS =
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
              "days from generation until the certificate expires, 31 to 36500 (it is renewed 30"
                  + " days before expiry)",
              DEFAULT_VALIDITY_DAYS),
          GeneratorOption.optional(
              "ca",
              Type.BOOLEAN,
              "true for a CA certificate (basicConstraints CA, keyCertSign)",
              DEFAULT_CA),
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

  private static final Pattern DNS_NAME =
      Pattern.compile(
          "(\\*\\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
              + "(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*");

  /** Every semantic problem of the options, as sentence fragments naming the option. */
  static List<String> validate(GeneratorOptions options) {
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
    } else if (days.isPresent() && days.get() <= RENEWAL_WINDOW_DAYS) {
      // A certificate is renewed when it expires within the renewal window: a shorter validity
      // would make every sync replace it.
      problems.add(
          "validityDays must be more than "
              + RENEWAL_WINDOW_DAYS
              + ": a certificate is renewed "
              + RENEWAL_WINDOW_DAYS
              + " days before it expires, so a shorter validity would be replaced on every sync");
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

  /** The typed rule; call only with options that {@link #validate} accepted. */
  static CertificateRule of(GeneratorOptions options) {
    IssuerKeys issuer = null;
    if (options.raw("issuer").isPresent()) {
      GeneratorOptions o = options.object("issuer");
      issuer =
          new IssuerKeys(o.string("certificate").orElse(""), o.string("privateKey").orElse(""));
    }
    return new CertificateRule(
        options.string("commonName").orElse(""),
        options.strings("dnsNames"),
        options.strings("ipAddresses"),
        options.integer("validityDays").orElse(DEFAULT_VALIDITY_DAYS),
        options.bool("ca").orElse(DEFAULT_CA),
        issuer);
  }

  /** The subject: a single CN. */
  X500Name subject() {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
  }

  /** DNS names, then IP addresses. */
  List<GeneralName> subjectAlternativeNames() {
    List<GeneralName> names = new ArrayList<>();
    for (String name : dnsNames) {
      names.add(new GeneralName(GeneralName.dNSName, name));
    }
    for (String address : ipAddresses) {
      names.add(new GeneralName(GeneralName.iPAddress, address));
    }
    return names;
  }
}

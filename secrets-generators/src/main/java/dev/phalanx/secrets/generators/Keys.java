package dev.phalanx.secrets.generators;

import dev.phalanx.secrets.SecretValue;
import java.io.IOException;
import java.io.StringReader;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.ECNamedCurveTable;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;

/**
 * Reading private keys from PEM and deriving their public keys, with the JDK's own providers
 * (Bouncy Castle is used for ASN.1 and PEM only and is never registered as a provider).
 *
 * <p>Nothing here puts key material into an exception message or a cause: callers turn an empty
 * result into an error that names the secret.
 */
final class Keys {

  private Keys() {}

  /**
   * An RSA or EC private key from PEM: PKCS#8 ({@code PRIVATE KEY}), PKCS#1 ({@code RSA PRIVATE
   * KEY}) or SEC 1 ({@code EC PRIVATE KEY}), unencrypted.
   *
   * @return the key, empty when the text is not such a key
   */
  static Optional<PrivateKey> parsePrivateKey(SecretValue pem) {
    Object parsed;
    try (PEMParser parser = new PEMParser(new StringReader(pem.reveal()))) {
      parsed = parser.readObject();
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    PrivateKeyInfo info;
    if (parsed instanceof PrivateKeyInfo pki) {
      info = pki;
    } else if (parsed instanceof PEMKeyPair pair) {
      info = pair.getPrivateKeyInfo();
    } else {
      return Optional.empty();
    }
    ASN1ObjectIdentifier algorithm = info.getPrivateKeyAlgorithm().getAlgorithm();
    String name;
    if (PKCSObjectIdentifiers.rsaEncryption.equals(algorithm)) {
      name = "RSA";
    } else if (X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm)) {
      name = "EC";
    } else {
      return Optional.empty();
    }
    byte[] der = null;
    try {
      der = info.getEncoded();
      return Optional.of(
          KeyFactory.getInstance(name).generatePrivate(new PKCS8EncodedKeySpec(der)));
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    } finally {
      SecretValue.wipe(der);
    }
  }

  /**
   * The public key of an RSA (CRT) or named-curve EC private key.
   *
   * @return the public key, empty for other keys
   */
  static Optional<PublicKey> publicKeyOf(PrivateKey key) {
    try {
      if (key instanceof RSAPrivateCrtKey rsa) {
        return Optional.of(
            KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(rsa.getModulus(), rsa.getPublicExponent())));
      }
      if (key instanceof ECPrivateKey ec) {
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(ec.getEncoded());
        ASN1ObjectIdentifier curve =
            ASN1ObjectIdentifier.getInstance(info.getPrivateKeyAlgorithm().getParameters());
        X9ECParameters params = ECNamedCurveTable.getByOID(curve);
        if (params == null) {
          return Optional.empty();
        }
        ECPoint q = new FixedPointCombMultiplier().multiply(params.getG(), ec.getS()).normalize();
        SubjectPublicKeyInfo spki =
            new SubjectPublicKeyInfo(
                new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve),
                q.getEncoded(false));
        return Optional.of(
            KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(spki.getEncoded())));
      }
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      return Optional.empty();
    }
    return Optional.empty();
  }

  /** Whether two public keys are the same key, whatever their encoding. */
  static boolean sameKey(PublicKey a, PublicKey b) {
    if (a instanceof RSAPublicKey x && b instanceof RSAPublicKey y) {
      return x.getModulus().equals(y.getModulus())
          && x.getPublicExponent().equals(y.getPublicExponent());
    }
    if (a instanceof ECPublicKey x && b instanceof ECPublicKey y) {
      return x.getW().equals(y.getW()) && x.getParams().getCurve().equals(y.getParams().getCurve());
    }
    return Arrays.equals(a.getEncoded(), b.getEncoded());
  }

  /** The JCA signature algorithm for certificates signed with this key. */
  static Optional<String> signatureAlgorithm(PrivateKey key) {
    return switch (key.getAlgorithm()) {
      case "RSA" -> Optional.of("SHA256withRSA");
      case "EC" -> Optional.of("SHA256withECDSA");
      default -> Optional.empty();
    };
  }
}

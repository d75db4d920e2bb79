package dev.phalanx.secrets.generators;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SourcePolicy;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.ECGenParameterSpec;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * {@code ec-private-key}: a new NIST P-256 key as unencrypted PKCS#8 PEM. The structure is the one
 * OpenSSL (and so Python {@code cryptography}) writes: the SEC 1 key carries its public point and
 * leaves the curve to the algorithm identifier.
 */
final class EcPrivateKeyGenerator implements SecretGenerator {

  static final String TYPE = "ec-private-key";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public SourcePolicy sourcePolicy() {
    return SourcePolicy.FORBIDDEN;
  }

  @Override
  public SecretValue generate(GenerationContext context) {
    byte[] der = null;
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
      generator.initialize(new ECGenParameterSpec("secp256r1"), context.random());
      KeyPair pair = generator.generateKeyPair();
      ECPrivateKey key = (ECPrivateKey) pair.getPrivate();
      SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded());
      org.bouncycastle.asn1.sec.ECPrivateKey sec1 =
          new org.bouncycastle.asn1.sec.ECPrivateKey(
              256, key.getS(), spki.getPublicKeyData(), null);
      PrivateKeyInfo info =
          new PrivateKeyInfo(
              new AlgorithmIdentifier(
                  X9ObjectIdentifiers.id_ecPublicKey, SECObjectIdentifiers.secp256r1),
              sec1);
      der = info.getEncoded(ASN1Encoding.DER);
      return SecretValue.of(Pem.encode("PRIVATE KEY", der));
    } catch (GeneralSecurityException | IOException e) {
      throw new PhalanxSecretsException(
          "cannot generate " + TYPE + " secret " + context.target() + ": P-256 is not available",
          e);
    } finally {
      SecretValue.wipe(der);
    }
  }
}

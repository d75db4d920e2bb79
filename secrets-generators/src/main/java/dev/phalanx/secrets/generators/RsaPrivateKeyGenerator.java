package dev.phalanx.secrets.generators;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SourcePolicy;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.spec.RSAKeyGenParameterSpec;

/**
 * {@code rsa-private-key}: a new 2048-bit RSA key with exponent 65537 as unencrypted PKCS#8 PEM
 * ({@code -----BEGIN PRIVATE KEY-----}), exactly as Python {@code cryptography} writes it.
 */
final class RsaPrivateKeyGenerator implements SecretGenerator {

  static final String TYPE = "rsa-private-key";

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
      KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
      generator.initialize(
          new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), context.random());
      der = generator.generateKeyPair().getPrivate().getEncoded();
      return SecretValue.of(Pem.encode("PRIVATE KEY", der));
    } catch (GeneralSecurityException e) {
      throw new PhalanxSecretsException(
          "cannot generate " + TYPE + " secret " + context.target() + ": RSA is not available", e);
    } finally {
      SecretValue.wipe(der);
    }
  }
}

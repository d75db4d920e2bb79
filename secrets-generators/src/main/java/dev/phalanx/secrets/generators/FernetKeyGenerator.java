package dev.phalanx.secrets.generators;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SourcePolicy;
import java.util.Base64;

/** {@code fernet-key}: 32 random bytes in URL-safe base64 with padding (44 characters). */
final class FernetKeyGenerator implements SecretGenerator {

  static final String TYPE = "fernet-key";

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
    byte[] key = GenerationContexts.randomBytes(context, 32);
    try {
      return SecretValue.of(Base64.getUrlEncoder().encodeToString(key));
    } finally {
      SecretValue.wipe(key);
    }
  }
}

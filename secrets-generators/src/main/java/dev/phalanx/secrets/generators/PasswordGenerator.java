package dev.phalanx.secrets.generators;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SourcePolicy;
import java.util.HexFormat;

/** {@code password}: 32 random bytes as 64 lowercase hex characters. */
final class PasswordGenerator implements SecretGenerator {

  static final String TYPE = "password";

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
    byte[] bytes = GenerationContexts.randomBytes(context, 32);
    try {
      return SecretValue.of(HexFormat.of().formatHex(bytes));
    } finally {
      SecretValue.wipe(bytes);
    }
  }
}

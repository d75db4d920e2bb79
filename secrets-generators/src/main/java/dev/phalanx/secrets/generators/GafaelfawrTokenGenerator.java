package dev.phalanx.secrets.generators;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SourcePolicy;
import java.util.Base64;

/**
 * {@code gafaelfawr-token}: {@code gt-<key>.<secret>}, key and secret each 16 random bytes in
 * URL-safe base64 without padding (22 characters each).
 */
final class GafaelfawrTokenGenerator implements SecretGenerator {

  static final String TYPE = "gafaelfawr-token";

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
    Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
    byte[] key = GenerationContexts.randomBytes(context, 16);
    byte[] secret = GenerationContexts.randomBytes(context, 16);
    try {
      return SecretValue.of(
          "gt-" + encoder.encodeToString(key) + "." + encoder.encodeToString(secret));
    } finally {
      SecretValue.wipe(key);
      SecretValue.wipe(secret);
    }
  }
}

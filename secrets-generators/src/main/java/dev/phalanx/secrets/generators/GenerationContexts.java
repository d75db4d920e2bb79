package dev.phalanx.secrets.generators;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.GenerationContext;

/**
 * What the generators take from a {@link GenerationContext}: random bytes from its one random
 * source, the required source value, and failures naming the secret.
 */
final class GenerationContexts {

  private GenerationContexts() {}

  /** {@code n} bytes from the context's random source, the only one generators may use. */
  static byte[] randomBytes(GenerationContext context, int n) {
    byte[] bytes = new byte[n];
    context.random().nextBytes(bytes);
    return bytes;
  }

  /** The rule's source value, or a clear error naming the secret. */
  static SecretValue requireSource(GenerationContext context, String type) {
    return context
        .source()
        .orElseThrow(() -> failure(context, type, "the generate rule has no source"));
  }

  /** An exception naming the generator type and the secret; {@code problem} holds no value. */
  static PhalanxSecretsException failure(GenerationContext context, String type, String problem) {
    return new PhalanxSecretsException(
        "cannot generate " + type + " secret " + context.target() + ": " + problem);
  }
}

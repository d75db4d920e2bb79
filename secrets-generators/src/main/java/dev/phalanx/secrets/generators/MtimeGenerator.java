package dev.phalanx.secrets.generators;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SourcePolicy;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * {@code mtime}: the current UTC time as {@code YYYY-MM-DDTHH:MM:SSZ}, recording when its source
 * (typically a password whose bcrypt hash is another secret) last changed.
 *
 * <p>The value does not depend on the source's content, so this generator cannot tell by itself
 * whether it is stale; it declares {@link #refreshedWithSourceSiblings()}, so the engine refreshes
 * it together with the hash of the same source.
 */
final class MtimeGenerator implements SecretGenerator {

  static final String TYPE = "mtime";

  private static final DateTimeFormatter FORMAT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public SourcePolicy sourcePolicy() {
    return SourcePolicy.REQUIRED;
  }

  @Override
  public boolean refreshedWithSourceSiblings() {
    return true;
  }

  @Override
  public SecretValue generate(GenerationContext context) {
    GenerationContexts.requireSource(context, TYPE);
    return SecretValue.of(FORMAT.format(context.clock().instant()));
  }
}

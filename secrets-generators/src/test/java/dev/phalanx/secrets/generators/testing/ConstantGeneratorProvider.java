package dev.phalanx.secrets.generators.testing;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SecretGeneratorProvider;
import dev.phalanx.secrets.spi.SourcePolicy;

/** Provides {@code test-constant}, as a third-party jar would. */
public final class ConstantGeneratorProvider implements SecretGeneratorProvider {

  /** The type name. */
  public static final String TYPE = "test-constant";

  /** Creates the provider. */
  public ConstantGeneratorProvider() {}

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public SecretGenerator create() {
    return new SecretGenerator() {
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
        return SecretValue.of("constant");
      }
    };
  }
}

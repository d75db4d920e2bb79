package dev.phalanx.secrets.testkit.contract;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SecretGeneratorProvider;
import dev.phalanx.secrets.spi.SourcePolicy;
import java.util.HexFormat;
import java.util.Random;

/** Generators for the kit's own tests: one correct, one using {@link java.util.Random}. */
final class TestGenerators {

  private TestGenerators() {}

  /** {@code contract-hex-token}: 16 bytes from the injected random source, as hex. */
  static final class HexToken implements SecretGenerator {
    @Override
    public String type() {
      return "contract-hex-token";
    }

    @Override
    public SourcePolicy sourcePolicy() {
      return SourcePolicy.FORBIDDEN;
    }

    @Override
    public SecretValue generate(GenerationContext context) {
      if (context.source().isPresent()) {
        throw new PhalanxSecretsException(context.target() + ": takes no source");
      }
      byte[] bytes = new byte[16];
      context.random().nextBytes(bytes);
      return SecretValue.of(HexFormat.of().formatHex(bytes));
    }
  }

  /** {@code contract-util-random}: the same, but from a fresh {@link Random}: not deterministic. */
  static final class UtilRandomToken implements SecretGenerator {
    @Override
    public String type() {
      return "contract-util-random";
    }

    @Override
    public SourcePolicy sourcePolicy() {
      return SourcePolicy.FORBIDDEN;
    }

    @Override
    public SecretValue generate(GenerationContext context) {
      byte[] bytes = new byte[16];
      new Random().nextBytes(bytes);
      return SecretValue.of(HexFormat.of().formatHex(bytes));
    }
  }

  /** Provides {@link HexToken}. */
  public static final class HexTokenProvider implements SecretGeneratorProvider {
    /** Creates the provider. */
    public HexTokenProvider() {}

    @Override
    public String type() {
      return "contract-hex-token";
    }

    @Override
    public SecretGenerator create() {
      return new HexToken();
    }
  }

  /** Provides {@link UtilRandomToken}. */
  public static final class UtilRandomTokenProvider implements SecretGeneratorProvider {
    /** Creates the provider. */
    public UtilRandomTokenProvider() {}

    @Override
    public String type() {
      return "contract-util-random";
    }

    @Override
    public SecretGenerator create() {
      return new UtilRandomToken();
    }
  }
}

package dev.phalanx.secrets.spi;

/**
 * ServiceLoader entry point for a generator type. Register implementations in {@code
 * META-INF/services/dev.phalanx.secrets.spi.SecretGeneratorProvider}.
 *
 * <p>Like every provider: a public no-argument constructor, no I/O, cheap to instantiate.
 */
public interface SecretGeneratorProvider {

  /**
   * The type key, equal to {@code create().type()}.
   *
   * @return the type, e.g. {@code password}
   */
  String type();

  /**
   * Creates the generator.
   *
   * @return a generator for {@link #type()}
   */
  SecretGenerator create();
}

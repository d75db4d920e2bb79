package dev.phalanx.secrets.spi;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.GeneratorOptions;
import java.util.List;

/**
 * Makes values of one generated-secret type ({@code password}, {@code rsa-private-key}, ...).
 *
 * <p>Implementations are stateless and thread-safe; all randomness and time come from the {@link
 * GenerationContext}. A generator never logs or prints values, and its exception messages never
 * contain them.
 */
public interface SecretGenerator {

  /**
   * The type name used in {@code generate.type}.
   *
   * @return the type, e.g. {@code password}
   */
  String type();

  /**
   * Whether the rule takes a {@code source}.
   *
   * @return the policy
   */
  SourcePolicy sourcePolicy();

  /**
   * The options this type accepts besides {@code type}, {@code source} and {@code if}. Any other
   * field in a rule of this type is an error reported when specs are loaded.
   *
   * @return the declared options, empty by default
   */
  default List<GeneratorOption> options() {
    return List.of();
  }

  /**
   * Checks option values beyond what the declarations express (e.g. that an IP address parses).
   * Called after the declared names and types were checked.
   *
   * @param options the rule's options
   * @return problems as sentence fragments naming the option, empty when valid
   */
  default List<String> validate(GeneratorOptions options) {
    return List.of();
  }

  /**
   * Whether a new value is made on every resolution rather than keeping the stored one (Phalanx
   * regenerates {@code oidc-clients} every time, since it derives from static input).
   *
   * @return true to regenerate always
   */
  default boolean alwaysRegenerate() {
    return false;
  }

  /**
   * Makes a new value.
   *
   * @param context randomness, time, source and dependencies
   * @return the new value
   * @throws dev.phalanx.secrets.PhalanxSecretsException when the inputs cannot produce a value
   *     (e.g. a bcrypt source longer than 72 bytes); the message names the secret, never a value
   */
  SecretValue generate(GenerationContext context);

  /**
   * Whether an existing value is still good for the current inputs (e.g. a bcrypt hash still
   * verifies against its source, a certificate still matches its key and is not about to expire).
   * The engine regenerates stale values and reports why.
   *
   * @param existing the value in the store
   * @param context the current inputs
   * @return the verdict; {@link Staleness#fresh()} by default
   */
  default Staleness checkStale(SecretValue existing, GenerationContext context) {
    return Staleness.fresh();
  }

  /**
   * Whether {@link #checkStale} depends on nothing but the source value and the stored value (not
   * on the clock, other dependencies or options), so that a "fresh" verdict for the same pair holds
   * forever and the engine may remember it between runs ({@code
   * dev.phalanx.secrets.engine.VerificationMemo}). False by default; bcrypt says true.
   *
   * @return whether fresh verdicts may be remembered
   */
  default boolean memoizableStaleCheck() {
    return false;
  }

  /**
   * Whether both generating and checking a value take noticeable time (seconds, e.g. bcrypt at cost
   * 15), so the engine reports progress for them and starts the checks early, in parallel. False by
   * default.
   *
   * @return whether this generator is slow
   */
  default boolean slow() {
    return false;
  }
}

package dev.phalanx.secrets.spi;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.RuleOptions;
import java.util.List;
import java.util.Set;

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
  default List<String> validate(RuleOptions options) {
    return List.of();
  }

  /**
   * Whether the value is derived anew from static input ({@link #staticInputs()}) on every
   * resolution instead of being generated once and kept (Phalanx does so for {@code oidc-clients}).
   * Without a static source the stored value is trusted; a static source that provides none of the
   * input keeps the stored value unless its regeneration is named. False by default.
   *
   * @return whether values are derived from static input on every run
   */
  default boolean derivedFromStaticInput() {
    return false;
  }

  /**
   * The static input, besides secrets, the values are made from ({@link
   * GenerationContext#oidcClients()}). The engine asks the static source for it when a secret of
   * this type is required. Empty by default.
   *
   * @return the inputs
   */
  default Set<StaticInput> staticInputs() {
    return Set.of();
  }

  /**
   * Whether a stored value is made anew whenever another secret of the same application derived
   * from the same {@code source} gets a new value in the run (Phalanx's {@code mtime}: the time a
   * password's hash changed). The engine resolves such a secret after those siblings. A value of
   * this kind cannot tell by itself that it is stale. False by default.
   *
   * @return whether values are refreshed with the secrets derived from the same source
   */
  default boolean refreshedWithSourceSiblings() {
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

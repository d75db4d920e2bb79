package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.StaticInput;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StoredApplication;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The values a {@link Resolver} derives from static input on every run: the pull secret (from the
 * static source's registries) and the secrets of generators {@linkplain
 * SecretGenerator#derivedFromStaticInput() derived from static input} (OIDC clients). A static
 * source that provides none of the input keeps what the store holds, with a warning.
 */
final class DerivedValues {

  /** Where a derivation's outcome goes: a value or a problem, and warnings. */
  interface Outcomes {
    /** The secret resolves to this value. */
    void put(SecretRef ref, SecretValue value, Provenance provenance);

    /** The secret cannot be resolved. */
    void fail(Secret secret, String message);

    /** A warning for the resolution. */
    void warn(String warning);
  }

  private final StaticSecrets statics;
  private final boolean hasSource;
  private final Map<String, StoredApplication> stored;
  private final SyncOptions options;

  DerivedValues(
      StaticSecrets statics,
      boolean hasSource,
      Map<String, StoredApplication> stored,
      SyncOptions options) {
    this.statics = statics;
    this.hasSource = hasSource;
    this.stored = stored;
    this.options = options;
  }

  /**
   * The pull secret, derived from the static source's registries. A source that provides none never
   * empties the store: the stored pull secret is kept (with a warning) unless its regeneration is
   * asked for explicitly.
   */
  void resolvePullSecret(StaticSecrets given, Outcomes out) {
    Optional<SecretValue> current = Resolver.current(stored, PullSecrets.REF);
    if (given.pullSecret().isPresent()) {
      SecretValue value = SecretValue.of(PullSecrets.dockerConfigJson(given.pullSecret().get()));
      if (current.isPresent() && JsonValues.equivalent(current.get(), value)) {
        value = current.get();
      }
      out.put(PullSecrets.REF, value, Provenance.derived());
    } else if (current.isPresent()
        && !options.excluded(PullSecrets.APPLICATION)
        && !options.regenerate().contains(PullSecrets.REF)) {
      String why = "the static source provides no pull secret";
      out.put(PullSecrets.REF, current.get(), Provenance.keptDerived(why));
      out.warn(keptWarning(PullSecrets.REF, why));
    }
  }

  private static String keptWarning(SecretRef ref, String why) {
    return ref
        + ": "
        + why
        + "; keeping the value the store holds (to clear it, run with --regenerate "
        + ref
        + ")";
  }

  /**
   * A value derived from static input on every run. Without a static source the stored value is
   * trusted, as for static secrets; a source that provides none of the input never empties what the
   * store holds unless the secret's regeneration is asked for explicitly.
   */
  void resolveDerived(
      GeneratedSecret secret,
      SecretGenerator generator,
      Supplier<GenerationContext> context,
      Outcomes out) {
    SecretRef ref = secret.ref();
    Optional<SecretValue> existing = Resolver.current(stored, ref);
    try {
      if (!hasSource && existing.isPresent()) {
        out.put(ref, existing.get(), Provenance.keptDerived(null));
        return;
      }
      SecretValue fresh = generator.generate(context.get());
      if (existing.isPresent() && JsonValues.equivalent(existing.get(), fresh)) {
        out.put(ref, existing.get(), Provenance.derived());
      } else if (existing.isPresent()
          && providesNoInput(generator)
          && !options.regenerate().contains(ref)) {
        String why =
            "the static source provides no "
                + String.join(
                    " or ",
                    generator.staticInputs().stream()
                        .sorted()
                        .map(StaticInput::description)
                        .toList());
        out.put(ref, existing.get(), Provenance.keptDerived(why));
        out.warn(keptWarning(ref, why));
      } else {
        out.put(ref, fresh, Provenance.derived());
      }
    } catch (PhalanxSecretsException e) {
      out.fail(secret, "cannot generate: " + e.getMessage());
    }
  }

  /** Whether the static source gives none of the static input the generator derives from. */
  private boolean providesNoInput(SecretGenerator generator) {
    return !generator.staticInputs().isEmpty()
        && generator.staticInputs().stream().noneMatch(input -> input.providedBy(statics));
  }
}

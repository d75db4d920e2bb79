package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.Location;
import dev.phalanx.secrets.SecretRef;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Where a resolved value came from, as structure rather than text: the {@link Origin}, the secret
 * it was copied from (or refreshed with), why it is stale or was kept, and where a literal is
 * written. Never holds a value. Reports render it to text in one place.
 *
 * @param origin the kind of source
 * @param from for {@link Origin#COPY} the secret copied; for {@link Origin#STALE} the secret
 *     derived from the same source that was refreshed in this run, when that is why
 * @param cause for {@link Origin#STALE} the generator's staleness reason; for {@link
 *     Origin#KEPT_STATIC} of a value derived from static input, why the stored value was kept;
 *     never a value
 * @param literalAt for {@link Origin#LITERAL} where the literal is written
 * @param fromStaticInput whether the value is derived from static input ({@code oidc-clients}, the
 *     pull secret) rather than generated or given
 */
public record Provenance(
    Origin origin,
    @Nullable SecretRef from,
    @Nullable String cause,
    @Nullable Location literalAt,
    boolean fromStaticInput) {

  /** Checks the arguments. */
  public Provenance {
    Objects.requireNonNull(origin, "origin");
  }

  static Provenance of(Origin origin) {
    return new Provenance(origin, null, null, null, false);
  }

  static Provenance literal(@Nullable Location at) {
    return new Provenance(Origin.LITERAL, null, null, at, false);
  }

  static Provenance copy(SecretRef from) {
    return new Provenance(Origin.COPY, from, null, null, false);
  }

  static Provenance staleCause(String cause) {
    return new Provenance(Origin.STALE, null, cause, null, false);
  }

  static Provenance refreshedWith(SecretRef sibling) {
    return new Provenance(Origin.STALE, sibling, null, null, false);
  }

  static Provenance derived() {
    return new Provenance(Origin.DERIVED, null, null, null, true);
  }

  static Provenance keptDerived(@Nullable String why) {
    return new Provenance(Origin.KEPT_STATIC, null, why, null, true);
  }

  /**
   * The secret this value was copied from, for a copy.
   *
   * @return the source secret, empty when not a copy
   */
  public Optional<SecretRef> copiedFrom() {
    return origin == Origin.COPY ? Optional.ofNullable(from) : Optional.empty();
  }
}

package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.model.CopySecret;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.model.StaticSecret;

/**
 * Renders provenance and comparison findings to the short texts of reports. The only place such
 * texts are made; nothing parses them back.
 */
final class Reasons {

  private Reasons() {}

  /** Where a resolved value came from, e.g. "copy of mobu/app-alert-webhook". */
  static String resolved(ResolvedSecret r) {
    Provenance p = r.provenance();
    return switch (p.origin()) {
      case LITERAL -> "literal value at " + p.literalAt();
      case COPY -> "copy of " + p.from();
      case STATIC_SOURCE -> "from the static source";
      case KEPT_STATIC ->
          p.fromStaticInput()
              ? "derived from static input; kept from the store"
                  + (p.cause() == null ? "" : " (" + p.cause() + ")")
              : "static secret kept from the store";
      case KEPT_GENERATED -> "generated earlier, kept";
      case GENERATED -> "generated (not in the store)";
      case REGENERATED -> "regeneration requested";
      case STALE -> p.from() != null ? "stale: refreshed with " + p.from() : "stale: " + p.cause();
      case DERIVED ->
          r.ref().equals(PullSecrets.REF)
              ? "pull secret from the static source"
              : "derived from static input";
    };
  }

  /** Why a stored value differs from the resolved one (audit). */
  static String different(ResolvedSecret r) {
    Provenance p = r.provenance();
    return switch (p.origin()) {
      case STATIC_SOURCE -> "differs from the static source";
      case COPY -> "differs from " + p.from();
      case LITERAL -> "differs from the " + resolved(r);
      case DERIVED ->
          r.ref().equals(PullSecrets.REF)
              ? "differs from the static source's pull secret"
              : "differs from the value derived from the static source";
      default -> resolved(r);
    };
  }

  /** Why a sync changes a stored value (plan). */
  static String change(ResolvedSecret r) {
    Provenance p = r.provenance();
    return switch (p.origin()) {
      case STATIC_SOURCE -> "changed in the static source";
      case COPY -> "source " + p.from() + " changed";
      case LITERAL -> "literal changed";
      default -> resolved(r);
    };
  }

  /** A stored key the environment does not require. */
  static String notRequired(String environment) {
    return "not required in environment " + environment;
  }

  /** A stored application the environment does not require. */
  static String applicationNotRequired(String environment) {
    return "application not required in environment " + environment;
  }

  /** Where a secret's value comes from, for {@code explain} without a store. */
  static String valueFrom(Secret secret, ValueRule rule) {
    return switch (rule) {
      case LITERAL -> "the literal value in the spec";
      case COPY -> "a copy of " + ((CopySecret) secret).from();
      case STATIC ->
          "the static source (1Password, --secrets FILE or --prompt)"
              + (((StaticSecret) secret).onePasswordEncoded()
                  ? ", base64-encoded in 1Password"
                  : "")
              + "; else the value already in the store";
      case GENERATED -> {
        GeneratedSecret g = (GeneratedSecret) secret;
        String source = g.rule().source();
        yield "generated ("
            + g.type()
            + (source == null ? "" : " from " + source)
            + "); kept once stored, unless regenerated or stale";
      }
      case DERIVED ->
          "derived ("
              + ((GeneratedSecret) secret).type()
              + ") from the static source on every run; the stored value is kept when there is"
              + " no static source or it provides none of this input";
    };
  }
}

package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Which secrets {@link SyncOptions} asks to regenerate, checked against an environment. */
final class Regeneration {

  private Regeneration() {}

  /**
   * Refuses a regeneration of a secret the environment does not require or that is not a generated
   * one (the pull secret aside), naming every such secret.
   */
  static void check(PhalanxEnvironment env, SyncOptions options) {
    List<String> bad = new ArrayList<>();
    for (SecretRef ref : options.regenerate()) {
      if (ref.equals(PullSecrets.REF)) {
        continue; // rebuilt from the static source, or cleared when it provides none
      }
      Secret secret = env.secretsByRef().get(ref);
      if (secret == null) {
        bad.add(ref + " is not a secret of environment " + env.name());
      } else if (!(secret instanceof GeneratedSecret)) {
        bad.add(ref + " is a " + secret.kind() + " secret, not a generated one");
      }
    }
    if (!bad.isEmpty()) {
      throw new PhalanxSecretsException(
          "cannot regenerate: " + bad.stream().collect(Collectors.joining("; ")));
    }
  }

  /**
   * Explicit regeneration for every round of a sync. Regenerating everything leaves out values
   * derived from static input: they are derived anew anyway, and clearing one whose input the
   * source does not provide takes naming it.
   */
  static Set<SecretRef> forEveryRound(
      PhalanxEnvironment env, SyncOptions options, Resolver resolver) {
    Set<SecretRef> refs = new TreeSet<>(options.regenerate());
    if (options.regenerateAll()) {
      for (Secret s : env.secrets()) {
        if (s instanceof GeneratedSecret g && !resolver.generator(g).derivedFromStaticInput()) {
          refs.add(s.ref());
        }
      }
    }
    return refs;
  }
}

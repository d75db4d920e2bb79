package dev.phalanx.secrets.config;

import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.model.Condition;
import dev.phalanx.secrets.model.CopyRule;
import dev.phalanx.secrets.model.CopySecret;
import dev.phalanx.secrets.model.GenerateRule;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.model.SecretDecision;
import dev.phalanx.secrets.model.SecretSpec;
import dev.phalanx.secrets.model.StaticSecret;
import dev.phalanx.secrets.model.ValueSecret;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import dev.phalanx.secrets.spi.GeneratorOption;
import dev.phalanx.secrets.spi.SecretGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Selects each spec entry's kind in an environment: whether it is required (its condition), and
 * whether it is a copy, generated, a literal value or static (the copy and generate conditions),
 * with the reason {@code explain} shows.
 */
final class SecretSelector {

  private static final Logger LOG = LoggerFactory.getLogger(SecretSelector.class);

  /** The start of the problem raised when both copy and generate apply. */
  static final String BOTH_APPLY = "both copy and generate apply";

  private final GeneratorCatalog generators;

  SecretSelector(GeneratorCatalog generators) {
    this.generators = generators;
  }

  /** Warns about generate rules that refer to keys the application does not have. */
  void checkDependencies(SecretSpec spec, Map<String, SecretSpec> merged, List<Problem> problems) {
    GenerateRule rule = spec.generate();
    if (rule == null) {
      return;
    }
    SecretGenerator generator = generators.find(rule.type()).orElse(null);
    if (generator == null) {
      return;
    }
    for (String key : GeneratorOption.dependencyKeys(rule, generator.options())) {
      if (!merged.containsKey(key)) {
        // Phalanx accepts this at load and reports the secret unresolved in audit and sync.
        LOG.warn(
            "{}: {}/{}: generate refers to '{}', which is not a secret of application {}; the"
                + " secret cannot be resolved",
            spec.location(),
            spec.application(),
            spec.key(),
            key,
            spec.application());
      }
    }
  }

  /** Whether the spec is required in the environment, and as what kind of secret. */
  SecretDecision decide(
      SecretSpec spec, Map<Object, Object> values, String environment, List<Problem> problems) {
    String where = "defined at " + spec.location();
    Condition condition = spec.condition();
    if (condition != null && !condition.test(values)) {
      return new SecretDecision(
          spec,
          null,
          "skipped: condition '"
              + condition
              + "' is not true in the Helm values of "
              + spec.application()
              + " for "
              + environment
              + "; "
              + where);
    }
    List<String> why = new ArrayList<>();
    why.add(condition == null ? "required: no condition" : "required: '" + condition + "' holds");
    CopyRule copy = spec.copy();
    if (copy != null && copy.condition() != null) {
      boolean holds = copy.condition().test(values);
      why.add(
          "copy "
              + (holds ? "applies" : "skipped")
              + ": '"
              + copy.condition()
              + "' "
              + (holds ? "holds" : "is false"));
      if (!holds) {
        copy = null;
      }
    }
    GenerateRule generate = spec.generate();
    if (generate != null && generate.condition() != null) {
      boolean holds = generate.condition().test(values);
      why.add(
          "generate "
              + (holds ? "applies" : "skipped")
              + ": '"
              + generate.condition()
              + "' "
              + (holds ? "holds" : "is false"));
      if (!holds) {
        generate = null;
      }
    }
    if (copy != null && generate != null) {
      problems.add(
          new Problem(
              spec.location(),
              spec.application() + "/" + spec.key(),
              BOTH_APPLY + " in environment " + environment));
    }
    Secret secret;
    if (copy != null) {
      secret = new CopySecret(spec, copy);
    } else if (generate != null) {
      secret = new GeneratedSecret(spec, generate);
    } else if (spec.value() != null) {
      secret = new ValueSecret(spec);
    } else {
      secret = new StaticSecret(spec);
    }
    why.add(where);
    return new SecretDecision(spec, secret, String.join("; ", why));
  }
}

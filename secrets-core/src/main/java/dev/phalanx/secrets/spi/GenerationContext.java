package dev.phalanx.secrets.spi;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.model.RuleOptions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * What a generator may use to make or check a value. Randomness and time are injected so that
 * generation is deterministic in tests: generators must use {@link #random()} and {@link #clock()}
 * and nothing else.
 */
public interface GenerationContext {

  /**
   * The secret being generated.
   *
   * @return application and key
   */
  SecretRef target();

  /**
   * The only source of randomness a generator may use.
   *
   * @return the random source
   */
  SecureRandom random();

  /**
   * The only source of time a generator may use.
   *
   * @return the clock
   */
  Clock clock();

  /**
   * The resolved value of the rule's {@code source} secret.
   *
   * @return the source value, empty when the rule has no source
   */
  Optional<SecretValue> source();

  /**
   * The rule's options, already validated against {@link SecretGenerator#options()}.
   *
   * @return the options
   */
  RuleOptions options();

  /**
   * The resolved value of a secret of the same application named by a {@link
   * GeneratorOption.Type#SECRET_KEY} option or by {@code source}.
   *
   * @param key the secret key
   * @return the value
   * @throws IllegalArgumentException when the key is not a declared dependency of this rule
   */
  SecretValue dependency(String key);

  /**
   * The environment's OIDC clients from the static source, ordered by name.
   *
   * @return the clients, empty when there are none
   */
  List<OidcClient> oidcClients();
}

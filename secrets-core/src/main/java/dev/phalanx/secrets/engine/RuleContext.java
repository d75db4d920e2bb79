package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.model.RuleOptions;
import dev.phalanx.secrets.spi.GenerationContext;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * What a generator sees for one generated secret: the engine's random source and clock, the rule's
 * options, the static source's OIDC clients, and its dependencies through a lookup (the resolved
 * values while resolving, or the foreseen source value for a check started ahead).
 */
final class RuleContext implements GenerationContext {

  private final GeneratedSecret secret;
  private final SecureRandom random;
  private final Clock clock;
  private final List<OidcClient> oidcClients;
  private final Function<String, SecretValue> dependencies;

  RuleContext(
      GeneratedSecret secret,
      SecureRandom random,
      Clock clock,
      List<OidcClient> oidcClients,
      Function<String, SecretValue> dependencies) {
    this.secret = secret;
    this.random = random;
    this.clock = clock;
    this.oidcClients = oidcClients;
    this.dependencies = dependencies;
  }

  @Override
  public SecretRef target() {
    return secret.ref();
  }

  @Override
  public SecureRandom random() {
    return random;
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public Optional<SecretValue> source() {
    String source = secret.rule().source();
    return source == null ? Optional.empty() : Optional.of(dependency(source));
  }

  @Override
  public RuleOptions options() {
    return secret.rule().options();
  }

  @Override
  public SecretValue dependency(String key) {
    return dependencies.apply(key);
  }

  @Override
  public List<OidcClient> oidcClients() {
    return oidcClients;
  }
}

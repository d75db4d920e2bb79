package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.model.StaticSecret;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import dev.phalanx.secrets.spi.RequestedSecret;
import dev.phalanx.secrets.spi.StaticInput;
import dev.phalanx.secrets.spi.StaticSecretsRequest;
import java.util.ArrayList;
import java.util.List;

/** What an environment asks of a static source ({@link SecretsEngine#staticSecretsRequest}). */
final class StaticRequests {

  private StaticRequests() {}

  /**
   * The environment's static secrets, and whether a required generated secret's generator declares
   * {@link StaticInput#OIDC_CLIENTS}.
   */
  static StaticSecretsRequest of(PhalanxEnvironment env, GeneratorCatalog generators) {
    List<RequestedSecret> statics = new ArrayList<>();
    boolean oidc = false;
    for (Secret secret : env.secrets()) {
      if (secret instanceof StaticSecret s) {
        statics.add(RequestedSecret.of(s));
      } else if (secret instanceof GeneratedSecret g
          && generators
              .find(g.type())
              .map(gen -> gen.staticInputs().contains(StaticInput.OIDC_CLIENTS))
              .orElse(false)) {
        oidc = true;
      }
    }
    return new StaticSecretsRequest(env.settings(), statics, oidc);
  }
}

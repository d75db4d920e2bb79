package dev.phalanx.secrets.generators;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.model.OidcClient;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SourcePolicy;
import dev.phalanx.secrets.spi.StaticInput;
import dev.phalanx.secrets.support.PythonJson;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code oidc-clients}: the environment's OIDC clients as a JSON array of {@code {"id", "secret",
 * "return_uri"}} objects, byte-identical to Python's {@code json.dumps}. Regenerated on every
 * resolution, since it derives from static input.
 */
final class OidcClientsGenerator implements SecretGenerator {

  static final String TYPE = "oidc-clients";

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public SourcePolicy sourcePolicy() {
    return SourcePolicy.FORBIDDEN;
  }

  @Override
  public boolean derivedFromStaticInput() {
    return true;
  }

  @Override
  public Set<StaticInput> staticInputs() {
    return EnumSet.of(StaticInput.OIDC_CLIENTS);
  }

  @Override
  public SecretValue generate(GenerationContext context) {
    List<Object> clients = new ArrayList<>();
    for (OidcClient client : context.oidcClients()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", client.id());
      entry.put("secret", client.secret());
      entry.put("return_uri", client.returnUri());
      clients.add(entry);
    }
    return SecretValue.of(PythonJson.dumps(clients));
  }
}

package dev.phalanx.secrets.testing;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.GenerationContext;
import dev.phalanx.secrets.spi.GeneratorCatalog;
import dev.phalanx.secrets.spi.GeneratorOption;
import dev.phalanx.secrets.spi.SecretGenerator;
import dev.phalanx.secrets.spi.SourcePolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Core's test-only stand-in for the generators module (Maven forbids the module cycle): declares
 * the Phalanx types with their source policies, and a certificate type with options.
 */
public final class FakeGenerators implements GeneratorCatalog {

  private final Map<String, SecretGenerator> generators = new TreeMap<>();

  public FakeGenerators() {
    for (String type :
        List.of("password", "gafaelfawr-token", "fernet-key", "rsa-private-key", "oidc-clients")) {
      add(new Fake(type, SourcePolicy.FORBIDDEN, List.of()));
    }
    add(new Fake("bcrypt-password-hash", SourcePolicy.REQUIRED, List.of()));
    add(new Fake("mtime", SourcePolicy.REQUIRED, List.of()));
    add(
        new Fake(
            "x509-certificate",
            SourcePolicy.REQUIRED,
            List.of(
                GeneratorOption.required("commonName", GeneratorOption.Type.STRING, "CN"),
                GeneratorOption.optional("dnsNames", GeneratorOption.Type.STRING_LIST, "SANs"),
                GeneratorOption.optional(
                    "validityDays", GeneratorOption.Type.INTEGER, "days", 365L),
                GeneratorOption.optional("ca", GeneratorOption.Type.BOOLEAN, "CA", false),
                GeneratorOption.object(
                    "issuer",
                    false,
                    "issuer",
                    List.of(
                        GeneratorOption.required(
                            "certificate", GeneratorOption.Type.SECRET_KEY, "cert"),
                        GeneratorOption.required(
                            "privateKey", GeneratorOption.Type.SECRET_KEY, "key"))))));
  }

  private void add(SecretGenerator g) {
    generators.put(g.type(), g);
  }

  @Override
  public Optional<SecretGenerator> find(String type) {
    return Optional.ofNullable(generators.get(type));
  }

  @Override
  public SortedSet<String> types() {
    return new TreeSet<>(generators.keySet());
  }

  private record Fake(String type, SourcePolicy sourcePolicy, List<GeneratorOption> options)
      implements SecretGenerator {
    @Override
    public SecretValue generate(GenerationContext context) {
      return SecretValue.of(type + "-" + context.random().nextInt(1_000_000));
    }
  }
}

package dev.phalanx.secrets.testkit.contract;

import dev.phalanx.secrets.testkit.InMemorySecretSource;

/** Builds an {@link InMemorySecretSource} holding a fixture. */
final class InMemorySources {

  private InMemorySources() {}

  static InMemorySecretSource serving(SourceFixture fixture) {
    InMemorySecretSource.Builder b = InMemorySecretSource.builder();
    fixture.values().forEach((ref, v) -> b.value(ref.application(), ref.key(), v.reveal()));
    fixture
        .oidcClients()
        .forEach(c -> b.oidcClient(c.name(), c.id(), c.secret().reveal(), c.returnUri()));
    fixture
        .registries()
        .forEach((host, r) -> b.registry(host, r.username(), r.password().reveal()));
    b.vaultWriteToken(fixture.vaultWriteToken().reveal());
    return b.build();
  }
}

package dev.phalanx.secrets.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.config.StaticSecretsFile;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.engine.SyncListener;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.testkit.InMemorySecretStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A certificate authority and a TLS certificate signed by it, both declared as generated secrets in
 * a spec file (the example's {@code ingress-tls}), synced through the engine: OpenSSL, an
 * independent implementation, accepts the chain.
 */
@DisplayName("A CA -> leaf chain generated through secrets.yaml")
class CertificateChainIT {

  @Test
  @DisplayName("verifies with openssl verify, and the leaf carries the spec's names")
  void opensslVerifies(@TempDir Path dir) throws Exception {
    Assumptions.assumeTrue(
        opensslAvailable(), "SKIPPED: openssl is not on the PATH (apt-get install openssl)");
    PhalanxEnvironment env =
        PhalanxConfig.open(Fixtures.fastExampleTree(dir), Fixtures.PROVIDERS)
            .environment(Fixtures.ENV);
    StaticSecrets statics =
        StaticSecretsFile.read(Fixtures.exampleStaticSecrets())
            .select(SecretsEngine.staticSecretsRequest(env, Fixtures.PROVIDERS));
    InMemorySecretStore store = InMemorySecretStore.create();
    SecretsEngine.builder()
        .generators(Fixtures.PROVIDERS)
        .build()
        .sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE);

    Path ca = write(dir, "ca.pem", store, "ca-cert");
    Path leaf = write(dir, "leaf.pem", store, "tls-cert");
    Path key = write(dir, "leaf-key.pem", store, "tls-key");

    Result verify = run(dir, "openssl", "verify", "-CAfile", ca.toString(), leaf.toString());
    assertThat(verify.status()).as(verify.output()).isZero();
    assertThat(verify.output()).contains(": OK");

    Result text = run(dir, "openssl", "x509", "-in", leaf.toString(), "-noout", "-text");
    assertThat(text.output())
        .contains("Subject: CN = example.local")
        .contains("Issuer: CN = Example Internal CA")
        .contains("DNS:example.local")
        .contains("DNS:*.example.local");

    // The certificate belongs to the key it was generated from.
    Result certKey = run(dir, "openssl", "x509", "-in", leaf.toString(), "-noout", "-pubkey");
    Result privKey = run(dir, "openssl", "pkey", "-in", key.toString(), "-pubout");
    assertThat(certKey.output()).isEqualTo(privKey.output());
  }

  private static Path write(Path dir, String name, InMemorySecretStore store, String key)
      throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(
        file, store.value("ingress-tls", key).orElseThrow().reveal(), StandardCharsets.UTF_8);
    return file;
  }

  private static boolean opensslAvailable() {
    try {
      return run(Path.of("."), "openssl", "version").status() == 0;
    } catch (IOException | InterruptedException e) {
      return false;
    }
  }

  private record Result(int status, String output) {}

  private static Result run(Path dir, String... command) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Result(p.waitFor(), output);
  }
}

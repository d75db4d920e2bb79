package dev.phalanx.secrets.vault;

import static dev.phalanx.secrets.vault.TestStores.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.phalanx.secrets.spi.WriteCondition;
import dev.phalanx.secrets.testkit.openbao.OpenBao;
import dev.phalanx.secrets.testkit.openbao.OpenBaoServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Collections;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@OpenBao(tls = true, shared = true)
@DisplayName("TLS against OpenBao -dev-tls")
class VaultTlsIT {

  private final OpenBaoServer server;

  VaultTlsIT(OpenBaoServer server) {
    this.server = server;
  }

  @Test
  @DisplayName("verification is on by default: the dev CA is not trusted")
  void verifiedByDefault() {
    try (VaultSecretStore store =
        TestStores.store(server, TestStores.uniquePrefix("tls"), server.rootToken())) {
      assertThatThrownBy(() -> store.read("app"))
          .isInstanceOf(VaultException.class)
          .hasMessageContaining("TLS certificate of " + server.address() + " is not trusted")
          .hasMessageContaining("set VAULT_CACERT");
    }
  }

  @Test
  @DisplayName("the ca-cert option and VAULT_CACERT make it work")
  void caBundle() {
    String ca = server.caCertificate().orElseThrow().toString();
    String prefix = TestStores.uniquePrefix("tls");
    try (VaultSecretStore store =
        TestStores.store(server, prefix, server.rootToken(), Map.of("ca-cert", ca), Map.of())) {
      store.write("app", data("k", "v"), new WriteCondition.CreateOnly());
    }
    try (VaultSecretStore store =
        TestStores.store(
            server, prefix, server.rootToken(), Map.of(), Map.of("VAULT_CACERT", ca))) {
      assertThat(store.read("app").orElseThrow().data()).isEqualTo(data("k", "v"));
    }
  }

  @Test
  @DisplayName("a wrong CA bundle fails with a clear message")
  void wrongCa(@TempDir Path tmp) throws Exception {
    Path wrong = tmp.resolve("wrong-ca.pem");
    Files.writeString(wrong, someOtherCa(), StandardCharsets.US_ASCII);
    try (VaultSecretStore store =
        TestStores.store(
            server,
            TestStores.uniquePrefix("tls"),
            server.rootToken(),
            Map.of("ca-cert", wrong.toString()),
            Map.of())) {
      assertThatThrownBy(store::listApplications)
          .isInstanceOf(VaultException.class)
          .hasMessageContaining("TLS certificate of " + server.address() + " is not trusted");
    }
  }

  /** A public CA from the JDK's trust store: real, and certainly not the dev server's. */
  private static String someOtherCa() throws Exception {
    KeyStore cacerts = KeyStore.getInstance(KeyStore.getDefaultType());
    Path file = Path.of(System.getProperty("java.home"), "lib", "security", "cacerts");
    try (InputStream in = Files.newInputStream(file)) {
      cacerts.load(in, null);
    }
    String alias = Collections.list(cacerts.aliases()).get(0);
    Certificate cert = cacerts.getCertificate(alias);
    return "-----BEGIN CERTIFICATE-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(cert.getEncoded())
        + "\n-----END CERTIFICATE-----\n";
  }
}

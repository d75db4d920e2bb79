package dev.phalanx.secrets.vault.admin;

import static dev.phalanx.secrets.vault.TestStores.data;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.WriteCondition;
import dev.phalanx.secrets.testkit.openbao.OpenBao;
import dev.phalanx.secrets.testkit.openbao.OpenBaoServer;
import dev.phalanx.secrets.vault.CopyResult;
import dev.phalanx.secrets.vault.TestStores;
import dev.phalanx.secrets.vault.VaultException;
import dev.phalanx.secrets.vault.VaultSecretStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@OpenBao(shared = true)
@DisplayName("VaultCredentials against a real OpenBao dev server")
class VaultCredentialsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger COUNTER = new AtomicInteger();

  private final OpenBaoServer server;

  VaultCredentialsIT(OpenBaoServer server) {
    this.server = server;
  }

  @BeforeAll
  static void enableAppRole(OpenBaoServer server) {
    server.enableAuth("approle");
  }

  private static String newName() {
    return "env" + COUNTER.incrementAndGet() + "x" + (System.nanoTime() % 100000);
  }

  private StoreConfig config(String prefix, SecretValue token, Map<String, String> extra) {
    Map<String, String> options = TestStores.fastRetries(server.address().toString());
    options.putAll(extra);
    return new StoreConfig(
        "",
        options,
        Map.of("vault-token", token),
        TestStores.environment("dev", server.address().toString(), prefix));
  }

  private VaultCredentials credentials(String prefix) {
    return VaultCredentials.open(
        config(prefix, server.rootToken(), Map.of()),
        k -> null,
        Path.of("/nonexistent"),
        Clock.systemUTC());
  }

  private String policyText(String name) throws Exception {
    OpenBaoServer.Response r = server.call("GET", "sys/policies/acl/" + name, null);
    assertThat(r.status()).isEqualTo(200);
    return JSON.readTree(r.body()).path("data").path("policy").asText();
  }

  @Test
  @DisplayName(
      "policy texts are exactly those of DESIGN §7, as Phalanx renders them (no final newline)")
  void policyTexts() throws Exception {
    String n = newName();
    String prefix = "secret/phalanx/" + n;
    try (VaultCredentials creds = credentials(prefix)) {
      creds.createReadAppRole(null);
      creds.createWriteToken();
      assertThat(creds.readPolicyName()).isEqualTo("phalanx/" + n + "/read");
      assertThat(creds.writePolicyName()).isEqualTo("phalanx/" + n + "/write");
      assertThat(policyText("phalanx/" + n + "/read"))
          .isEqualTo(
              "path \"secret/data/phalanx/"
                  + n
                  + "/+\" {\n  capabilities = [\"read\"]\n}\n"
                  + "path \"secret/metadata/phalanx/"
                  + n
                  + "/+\" {\n  capabilities = [\"list\", \"read\"]\n}");
      String p = "phalanx/" + n;
      String rw = "[\"create\", \"delete\", \"read\", \"update\"]";
      String meta = "[\"delete\", \"list\", \"read\", \"update\"]";
      assertThat(policyText(p + "/write"))
          .isEqualTo(
              "path \"secret/data/"
                  + p
                  + "\" {\n  capabilities = "
                  + rw
                  + "\n}\n"
                  + "path \"secret/data/"
                  + p
                  + "/+\" {\n  capabilities = "
                  + rw
                  + "\n}\n"
                  + "path \"secret/metadata/"
                  + p
                  + "\" {\n  capabilities = "
                  + meta
                  + "\n}\n"
                  + "path \"secret/metadata/"
                  + p
                  + "/+\" {\n  capabilities = "
                  + meta
                  + "\n}\n"
                  + "path \"secret/delete/"
                  + p
                  + "/+\" {\n  capabilities = [\"update\"]\n}\n"
                  + "path \"secret/destroy/"
                  + p
                  + "/+\" {\n  capabilities = [\"update\"]\n}\n"
                  + "path \"secret/undelete/"
                  + p
                  + "/+\" {\n  capabilities = [\"update\"]\n}");
    }
  }

  @Test
  @DisplayName("the read AppRole can read but not write; re-creating revokes older SecretIDs")
  void readAppRole() {
    String n = newName();
    String prefix = "secret/phalanx/" + n;
    try (VaultSecretStore rootStore = TestStores.store(server, prefix, server.rootToken())) {
      rootStore.write("app", data("k", "v"), new WriteCondition.CreateOnly());
    }
    try (VaultCredentials creds = credentials(prefix)) {
      ReadAppRole first = creds.createReadAppRole(Duration.ofHours(1));
      assertThat(first.roleName()).isEqualTo(n);
      assertThat(first.policies()).containsExactly("phalanx/" + n + "/read");
      assertThat(first.revokedSecretIds()).isZero();
      assertThat(first.toString()).doesNotContain(first.secretId().reveal());

      try (VaultSecretStore asRole = appRoleStore(prefix, first)) {
        assertThat(asRole.read("app").orElseThrow().data()).isEqualTo(data("k", "v"));
        assertThatThrownBy(
                () -> asRole.write("app2", data("k", "v"), new WriteCondition.CreateOnly()))
            .isInstanceOf(VaultException.class)
            .satisfies(e -> assertThat(((VaultException) e).status()).isEqualTo(403));
      }

      ReadAppRole second = creds.createReadAppRole(null);
      assertThat(second.revokedSecretIds()).isEqualTo(1);
      assertThat(second.roleId()).isEqualTo(first.roleId());
      try (VaultSecretStore stale = appRoleStore(prefix, first)) {
        assertThatThrownBy(() -> stale.read("app")).isInstanceOf(VaultException.class);
      }
      try (VaultSecretStore fresh = appRoleStore(prefix, second)) {
        assertThat(fresh.read("app")).isPresent();
      }

      String yaml = second.toKubernetesSecret("vault-credentials");
      assertThat(yaml)
          .contains("namespace: vault-secrets-operator")
          .contains(
              "  VAULT_ROLE_ID: "
                  + Base64.getEncoder()
                      .encodeToString(second.roleId().getBytes(StandardCharsets.UTF_8)))
          .contains(
              "  VAULT_SECRET_ID: "
                  + Base64.getEncoder().encodeToString(second.secretId().revealUtf8()));
    }
  }

  private VaultSecretStore appRoleStore(String prefix, ReadAppRole role) {
    Map<String, String> options = TestStores.fastRetries(server.address().toString());
    options.put("auth", "approle");
    options.put("role-id", role.roleId());
    StoreConfig config =
        new StoreConfig(prefix, options, Map.of("vault-secret-id", role.secretId()), null);
    return VaultSecretStore.open(config, k -> null, Path.of("/nonexistent"), Clock.systemUTC());
  }

  @Test
  @DisplayName("the write token can write; re-creating revokes the older token")
  void writeToken() {
    String n = newName();
    String prefix = "secret/phalanx/" + n;
    try (VaultCredentials creds = credentials(prefix)) {
      WriteToken first = creds.createWriteToken();
      assertThat(first.displayName()).isEqualTo("token-" + n);
      assertThat(first.policies()).contains("phalanx/" + n + "/write");
      assertThat(first.expires()).isPresent();
      assertThat(first.warnings()).anySatisfy(w -> assertThat(w).contains("max_ttl"));
      assertThat(first.toString()).doesNotContain(first.token().reveal());
      try (VaultSecretStore store = TestStores.store(server, prefix, first.token())) {
        store.write("app", data("k", "v"), new WriteCondition.CreateOnly());
        assertThat(store.listApplications()).containsExactly("app");
        store.delete("app");
      }
      WriteToken second = creds.createWriteToken(Duration.ofDays(30));
      assertThat(second.revokedAccessors()).containsExactly(first.accessor());
      try (VaultSecretStore stale = TestStores.store(server, prefix, first.token())) {
        assertThatThrownBy(stale::listApplications)
            .isInstanceOf(VaultException.class)
            .hasMessageContaining("403");
      }
      assertThat(second.toKubernetesSecret("vault-token"))
          .contains(
              "  VAULT_TOKEN: " + Base64.getEncoder().encodeToString(second.token().revealUtf8()));
    }
  }

  @Test
  @DisplayName(
      "audit: Phalanx's report when nothing exists, clean after creation, then a changed"
          + " policy and an expiring second token")
  void audit() {
    String n = newName();
    String prefix = "secret/phalanx/" + n;
    try (VaultCredentials creds = credentials(prefix)) {
      CredentialAudit empty = creds.audit();
      assertThat(empty.toText())
          .isEqualTo("No read AppRole (" + n + ")\nNo write token (token-" + n + ")\n");
      assertThat(empty.isClean()).isFalse();

      creds.createReadAppRole(null);
      creds.createWriteToken();
      CredentialAudit clean = creds.audit();
      assertThat(clean.problems()).isEmpty();
      assertThat(clean.toText()).isEmpty();
      assertThat(clean.details()).isEmpty();

      server.putPolicy(
          "phalanx/" + n + "/read",
          creds
              .expectedReadPolicy()
              .replace("[\"list\", \"read\"]", "[\"list\", \"read\", \"update\"]"));
      server.createToken(n, Duration.ofHours(1), "phalanx/" + n + "/write");
      CredentialAudit dirty = creds.audit();
      assertThat(dirty.isClean()).isFalse();
      assertThat(dirty.toText())
          .startsWith(
              "Problems with read AppRole ("
                  + n
                  + "):\n• Policy phalanx/"
                  + n
                  + "/read doesn't have expected contents\nMultiple write tokens found\n")
          .containsPattern(
              "Problems with write token \\(token-"
                  + n
                  + "\\):\n• Token will expire at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?\n");
      assertThat(dirty.details())
          .contains("--- expected phalanx/" + n + "/read")
          .contains("+++ actual phalanx/" + n + "/read")
          .contains("-  capabilities = [\"list\", \"read\"]")
          .contains("+  capabilities = [\"list\", \"read\", \"update\"]");
    }
  }

  @Test
  @DisplayName(
      "audit: an extra policy on the AppRole or the write token is reported (Phalanx's"
          + " 'Unexpected policy'), as are a missing policy and a policy text with a final newline")
  void auditUnexpectedPolicies() {
    String n = newName();
    String prefix = "secret/phalanx/" + n;
    try (VaultCredentials creds = credentials(prefix)) {
      creds.createReadAppRole(null);
      WriteToken token = creds.createWriteToken();
      server.putPolicy("extra-" + n, "path \"secret/*\" {\n  capabilities = [\"read\"]\n}");
      // The AppRole gains a policy granting more than the environment's secrets.
      OpenBaoServer.Response r =
          server.call(
              "POST",
              "auth/approle/role/" + n,
              "{\"token_policies\":[\"phalanx/" + n + "/read\",\"extra-" + n + "\"]}");
      assertThat(r.status()).isBetween(200, 204);
      // A second write token with an extra policy and without the write policy.
      server.createToken(n, Duration.ofDays(30), "extra-" + n);
      // The write policy as an older release wrote it, with a final newline.
      server.putPolicy("phalanx/" + n + "/write", creds.expectedWritePolicy() + "\n");
      CredentialAudit audit = creds.audit();
      String text = audit.toText();
      assertThat(text)
          .startsWith(
              "Problems with read AppRole (" + n + "):\n• Unexpected policy extra-" + n + "\n")
          .contains("Multiple write tokens found\n")
          .contains(
              "Problems with write token (token-"
                  + n
                  + "):\n• Missing policy phalanx/"
                  + n
                  + "/write\n• Unexpected policy extra-"
                  + n
                  + "\n• Policy phalanx/"
                  + n
                  + "/write doesn't have expected contents\n")
          .contains(
              "Problems with write token (token-"
                  + n
                  + "):\n• Policy phalanx/"
                  + n
                  + "/write doesn't have expected contents\n");
      assertThat(text).doesNotContain(token.token().reveal());
      assertThat(audit.problems())
          .contains("read AppRole (" + n + "): Unexpected policy extra-" + n);
    }
  }

  @Test
  @DisplayName("create-write-token and create-read-approle print Phalanx's YAML")
  void yamlOutput() {
    String n = newName();
    try (VaultCredentials creds = credentials("secret/phalanx/" + n)) {
      WriteToken token = creds.createWriteToken(Duration.ofHours(2));
      assertThat(token.toYaml())
          .matches(
              "accessor: [A-Za-z0-9.]+\n"
                  + "display_name: token-"
                  + n
                  + "\n"
                  + "expires: \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?[+-]\\d\\d:\\d\\d\n"
                  + "policies:\n- default\n- phalanx/"
                  + n
                  + "/write\n"
                  + "token: \\S+\n");
      ReadAppRole role = creds.createReadAppRole(Duration.ofSeconds(3600));
      assertThat(role.toYaml())
          .isEqualTo(
              "policies:\n- phalanx/"
                  + n
                  + "/read\nrole_id: "
                  + PyYaml.string(role.roleId())
                  + "\nsecret_id: "
                  + PyYaml.string(role.secretId().reveal())
                  + "\nsecret_id_accessor: "
                  + PyYaml.string(role.secretIdAccessor())
                  + "\ntoken_max_ttl: 3600\ntoken_ttl: 3600\n");
    }
  }

  @Test
  @DisplayName(
      "copy-secrets refuses to overwrite live target applications with other data unless"
          + " asked, and refuses its own path")
  void copyRefusesOverwrite() {
    String n = newName();
    String oldPrefix = "secret/old/" + n;
    String newPrefix = "secret/phalanx/" + n;
    try (VaultSecretStore old = TestStores.store(server, oldPrefix, server.rootToken());
        VaultSecretStore target = TestStores.store(server, newPrefix, server.rootToken());
        VaultCredentials creds = credentials(newPrefix)) {
      old.write("a", data("k", "1"), new WriteCondition.CreateOnly());
      old.write("same", data("k", "s"), new WriteCondition.CreateOnly());
      old.write("new", data("k", "n"), new WriteCondition.CreateOnly());
      target.write("a", data("k", "mine"), new WriteCondition.CreateOnly());
      target.write("same", data("k", "s"), new WriteCondition.CreateOnly());
      assertThatThrownBy(() -> creds.copySecrets(oldPrefix, false))
          .hasMessageContaining("refusing to overwrite 1 application(s)")
          .hasMessageContaining(": a;")
          .hasMessageContaining("--overwrite")
          .hasMessageNotContaining("mine");
      assertThat(target.read("a").orElseThrow().data()).isEqualTo(data("k", "mine"));
      assertThat(target.read("new")).as("nothing written").isEmpty();

      assertThatThrownBy(() -> creds.copySecrets(newPrefix, false))
          .hasMessageContaining("onto themselves");

      CopyResult result = creds.copySecrets(oldPrefix, true);
      assertThat(result.copied()).containsExactly("a", "new", "same");
      assertThat(result.overwritten()).containsExactly(Map.entry("a", 1L));
      assertThat(target.read("a").orElseThrow().data()).isEqualTo(data("k", "1"));
      assertThat(target.read("a").orElseThrow().version()).isEqualTo(2);
      assertThat(target.read("same").orElseThrow().version()).as("not rewritten").isEqualTo(1);
    }
  }

  @Test
  @DisplayName(
      "a failure after the write token was created names the new token's accessor when it cannot be revoked")
  void writeTokenRevokedOnFailure() throws Exception {
    String n = newName();
    String prefix = "secret/phalanx/" + n;
    // A token that may do everything create-write-token needs except revoking earlier tokens.
    server.putPolicy(
        "admin-" + n,
        "path \"sys/policies/acl/*\" {\n  capabilities = [\"create\", \"update\", \"read\"]\n}\n"
            + "path \"auth/token/create\" {\n  capabilities = [\"create\", \"update\", \"sudo\"]\n}\n"
            + "path \"auth/token/accessors\" {\n  capabilities = [\"list\", \"sudo\"]\n}\n"
            + "path \"auth/token/lookup-accessor\" {\n  capabilities = [\"update\"]\n}\n");
    SecretValue admin = server.createToken("admin" + n, Duration.ofHours(1), "admin-" + n);
    try (VaultCredentials root = credentials(prefix)) {
      root.createWriteToken(); // an earlier token, which the limited token may not revoke
    }
    try (VaultCredentials limited =
        VaultCredentials.open(
            config(prefix, admin, Map.of()),
            k -> null,
            Path.of("/nonexistent"),
            Clock.systemUTC())) {
      assertThatThrownBy(limited::createWriteToken)
          .hasMessageContaining("creating the write token for " + prefix + " failed")
          .hasMessageContaining("could NOT be revoked")
          .satisfies(e -> assertThat(e.getMessage()).containsPattern("accessor [A-Za-z0-9.]+"));
    }
  }

  @Test
  @DisplayName("copies live secrets to a new prefix and exports them as 0600 JSON files")
  void copyAndExport(@TempDir Path tmp) throws Exception {
    String n = newName();
    String oldPrefix = "secret/old/" + n;
    String newPrefix = "secret/phalanx/" + n;
    try (VaultSecretStore old = TestStores.store(server, oldPrefix, server.rootToken());
        VaultSecretStore target = TestStores.store(server, newPrefix, server.rootToken())) {
      old.write("a", data("k", "1"), new WriteCondition.CreateOnly());
      old.write("b", data("x", "2", "y", "3"), new WriteCondition.CreateOnly());
      old.write("gone", data("k", "1"), new WriteCondition.CreateOnly());
      server.call("DELETE", "secret/data/old/" + n + "/gone", null);
      target.write("a", data("k", "stale"), new WriteCondition.CreateOnly());
      target.write("keep", data("k", "mine"), new WriteCondition.CreateOnly());
      try (VaultCredentials creds = credentials(newPrefix)) {
        assertThat(creds.copySecrets(oldPrefix, true).copied()).containsExactly("a", "b");
        assertThat(target.read("a").orElseThrow().data()).isEqualTo(data("k", "1"));
        assertThat(target.read("b").orElseThrow().data()).isEqualTo(data("x", "2", "y", "3"));
        assertThat(target.read("gone")).isEmpty();
        assertThat(target.listApplications()).containsExactly("a", "b", "keep");

        Path out = tmp.resolve("export");
        List<Path> files = creds.exportSecrets(out);
        assertThat(files)
            .extracting(p -> p.getFileName().toString())
            .containsExactly("a.json", "b.json", "keep.json");
        for (Path f : files) {
          assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
              .isEqualTo("rw-------");
        }
        JsonNode b = JSON.readTree(out.resolve("b.json").toFile());
        Map<String, String> values = new HashMap<>();
        b.properties().forEach(e -> values.put(e.getKey(), e.getValue().asText()));
        assertThat(values).isEqualTo(Map.of("x", "2", "y", "3"));
        try (var listing = Files.list(out)) {
          assertThat(listing.count()).isEqualTo(3); // no temporary files left
        }
      }
    }
  }
}

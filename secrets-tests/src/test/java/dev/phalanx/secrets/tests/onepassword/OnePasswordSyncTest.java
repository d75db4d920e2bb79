package dev.phalanx.secrets.tests.onepassword;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.engine.AuditReport;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.engine.SyncListener;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.model.StaticSecret;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.spi.RequestedSecret;
import dev.phalanx.secrets.spi.SecretSource;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.SourceConfig;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StaticSecretsRequest;
import dev.phalanx.secrets.spi.StoreConfig;
import dev.phalanx.secrets.spi.StoredApplication;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: idfdev of the real Phalanx tree synced into the file store with its static secrets
 * from a fake 1Password Connect server that holds an item for every static secret of idfdev.
 */
@DisplayName("A 1Password-backed sync of idfdev")
class OnePasswordSyncTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "e2e-connect-token";

  private WireMockServer connect;
  private int ids;

  @BeforeEach
  void start() {
    connect = new WireMockServer(options().dynamicPort());
    connect.start();
  }

  @AfterEach
  void stop() {
    connect.stop();
  }

  private static Path tree() {
    String configured = System.getProperty("phalanx.shared.dir");
    Path tree =
        (configured != null ? Path.of(configured) : Path.of("..", "..", "shared"))
            .resolve("phalanx-config");
    if (!Files.isDirectory(tree.resolve("applications"))) {
      String message = "SKIPPED: the real Phalanx tree is not at " + tree.toAbsolutePath();
      System.err.println(message);
      Assumptions.abort(message);
    }
    return tree;
  }

  private String id() {
    ids++;
    String n = Integer.toString(ids, 36);
    return "e".repeat(26 - n.length()) + n;
  }

  /** The value the fake vault holds for a secret: its plain value. */
  private static String plain(SecretRef ref) {
    return "value of " + ref + " \u00e9";
  }

  /** Stubs a vault holding one item per application, one field per static secret. */
  private int stubVault(String title, List<StaticSecret> statics) {
    String vault = id();
    Map<String, ArrayNode> fields = new TreeMap<>();
    for (StaticSecret s : statics) {
      String value = plain(s.ref());
      if (s.onePasswordEncoded()) {
        value = Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
      }
      fields
          .computeIfAbsent(s.ref().application(), a -> JSON.createArrayNode())
          .addObject()
          .put("id", id())
          .put("type", "CONCEALED")
          .put("label", s.ref().key())
          .put("value", value);
    }
    ArrayNode summaries = JSON.createArrayNode();
    fields.forEach(
        (app, f) -> {
          String item = id();
          ObjectNode summary = JSON.createObjectNode().put("id", item).put("title", app);
          summary.putObject("vault").put("id", vault);
          summary.put("category", "SECURE_NOTE");
          summaries.add(summary);
          ObjectNode full = summary.deepCopy();
          full.set("fields", f);
          stub("/v1/vaults/" + vault + "/items/" + item, full.toString());
        });
    // An item for another application the environment does not need, never fetched.
    ObjectNode unused = JSON.createObjectNode().put("id", id()).put("title", "not-enabled");
    unused.putObject("vault").put("id", vault);
    summaries.add(unused.put("category", "SECURE_NOTE"));
    stub("/v1/vaults/" + vault + "/items", summaries.toString());
    ArrayNode vaults = JSON.createArrayNode();
    vaults.addObject().put("id", id()).put("name", "RSP other");
    vaults.addObject().put("id", vault).put("name", title);
    stub("/v1/vaults", vaults.toString());
    return fields.size();
  }

  private void stub(String path, String body) {
    connect.stubFor(
        get(urlPathEqualTo(path))
            .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(body)));
  }

  @Test
  @DisplayName("writes every static value from 1Password, and the audit is then clean")
  void sync(@TempDir Path tmp) {
    Providers providers = Providers.load();
    PhalanxEnvironment env = PhalanxConfig.open(tree(), providers).environment("idfdev");
    List<StaticSecret> statics =
        env.secrets().stream()
            .filter(s -> s instanceof StaticSecret)
            .map(s -> (StaticSecret) s)
            .toList();
    assertThat(statics).isNotEmpty();
    boolean oidc = SecretsEngine.staticSecretsRequest(env, providers).oidcClients();
    String vaultTitle = env.settings().onePassword().orElseThrow().vaultTitle();
    int apps = stubVault(vaultTitle, statics);

    StaticSecrets fetched;
    SourceConfig config =
        new SourceConfig(
            "",
            Map.of("connect-url", connect.baseUrl()),
            Map.of("connect-token", SecretValue.of(TOKEN)),
            null);
    try (SecretSource source = providers.sources().get("onepassword").create(config)) {
      fetched =
          source.fetch(
              new StaticSecretsRequest(
                  env.settings(), statics.stream().map(RequestedSecret::of).toList(), oidc));
    }
    assertThat(fetched.values()).hasSize(statics.size());
    // vault list + item list + one per application; pull-secret, vault-write-token and
    // oidc-clients are absent from the item list, so never fetched.
    assertThat(connect.getAllServeEvents()).hasSize(2 + apps);
    System.out.println(
        "1Password Connect requests for idfdev: "
            + connect.getAllServeEvents().size()
            + " ("
            + statics.size()
            + " static secrets in "
            + apps
            + " applications)");
    assertThat(connect.getAllServeEvents())
        .allSatisfy(
            e ->
                assertThat(e.getRequest().getHeader("Authorization")).isEqualTo("Bearer " + TOKEN));

    SecretsEngine engine = SecretsEngine.builder().generators(providers).build();
    try (SecretStore store =
        providers
            .stores()
            .get("file")
            .create(
                new StoreConfig(
                    tmp.resolve("store.json").toString(), Map.of(), Map.of(), env.settings()))) {
      engine.sync(env, fetched, store, SyncOptions.defaults(), SyncListener.NONE);
      AuditReport report = engine.audit(env, fetched, store, SyncOptions.defaults());
      assertThat(report.toText()).isEmpty();
      assertThat(report.isClean()).isTrue();

      Map<String, StoredApplication> stored = engine.read(env, store);
      for (StaticSecret s : statics) {
        assertThat(stored.get(s.ref().application()).data().get(s.ref().key()))
            .as(s.ref().toString())
            .isEqualTo(SecretValue.of(plain(s.ref())));
      }
      long secrets = env.secrets().stream().map(Secret::ref).count();
      assertThat(stored.values().stream().mapToLong(a -> a.data().size()).sum()).isEqualTo(secrets);
    }
  }
}

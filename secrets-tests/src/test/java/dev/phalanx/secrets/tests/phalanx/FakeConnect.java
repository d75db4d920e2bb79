package dev.phalanx.secrets.tests.phalanx;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.model.StaticSecret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A fake 1Password Connect server (WireMock, started on a free port) holding an item per
 * application with a field per static secret, answering the {@code filter=title eq "…"} queries
 * Phalanx's SDK sends as well as our listing; its traffic follows the official Connect contract
 * ({@link ConnectContract} checks it).
 */
final class FakeConnect {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final WireMockServer server = new WireMockServer(options().dynamicPort());
  private int ids;

  FakeConnect() {
    server.start();
  }

  WireMockServer server() {
    return server;
  }

  /**
   * A copy of a configuration tree whose environment reads 1Password from this server and whose
   * Vault URL is a closed port (so a tool that contacts Vault fails).
   */
  Path treeFor(Path source, String environment, Path into) throws IOException {
    try (Stream<Path> files = Files.walk(source)) {
      for (Path from : (Iterable<Path>) files::iterator) {
        Path to = into.resolve(source.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to);
        }
      }
    }
    Path values = into.resolve("environments/values-" + environment + ".yaml");
    List<String> lines = new ArrayList<>();
    lines.add("vaultUrl: \"http://127.0.0.1:9\"");
    for (String line : Files.readAllLines(values)) {
      if (line.trim().startsWith("connectUrl:")) {
        line = line.substring(0, line.indexOf("connectUrl:")) + "connectUrl: " + server.baseUrl();
      }
      if (!line.startsWith("vaultUrl:")) {
        lines.add(line);
      }
    }
    Files.write(values, lines);
    return into;
  }

  /** The value 1Password holds for a static secret (base64 when the secret says encoded). */
  static String stored(StaticSecret s) {
    String plain = "value of " + s.ref() + " \u00e9";
    return s.onePasswordEncoded()
        ? Base64.getEncoder().encodeToString(plain.getBytes(StandardCharsets.UTF_8))
        : plain;
  }

  /**
   * Serves the vault {@code vaultTitle} with an item per application of {@code statics}, leaving
   * out the applications and fields named, and a pull-secret item when asked.
   */
  void stub(
      List<StaticSecret> statics,
      String vaultTitle,
      Set<String> missingApps,
      Set<SecretRef> missingFields,
      boolean pullSecret) {
    String vault = id();
    Map<String, ObjectNode> items = new TreeMap<>();
    for (StaticSecret s : statics) {
      String app = s.ref().application();
      if (missingApps.contains(app)) {
        continue;
      }
      ObjectNode item = items.computeIfAbsent(app, a -> item(vault, a));
      if (!missingFields.contains(s.ref())) {
        field((ArrayNode) item.get("fields"), s.ref().key(), stored(s), null);
      }
    }
    if (pullSecret) {
      ObjectNode item = item(vault, "pull-secret");
      for (String registry : List.of("ghcr.io", "docker.io")) {
        String section = id();
        ((ArrayNode) item.get("sections")).addObject().put("id", section).put("label", registry);
        field((ArrayNode) item.get("fields"), "username", "user at " + registry, section);
        field((ArrayNode) item.get("fields"), "password", "password at " + registry, section);
      }
      items.put("pull-secret", item);
    }
    ArrayNode all = JSON.createArrayNode();
    String itemsPath = "/v1/vaults/" + vault + "/items";
    items.forEach(
        (title, item) -> {
          ObjectNode summary = item.deepCopy();
          summary.remove(List.of("fields", "sections"));
          all.add(summary);
          server.stubFor(
              get(urlPathEqualTo(itemsPath))
                  .withQueryParam("filter", equalTo("title eq \"" + title + "\""))
                  .atPriority(1)
                  .willReturn(json("[" + summary + "]")));
          server.stubFor(
              get(urlPathEqualTo(itemsPath + "/" + item.get("id").asText()))
                  .willReturn(json(item.toString())));
        });
    server.stubFor(
        get(urlPathEqualTo(itemsPath))
            .withQueryParam("filter", matching(".*"))
            .atPriority(5)
            .willReturn(json("[]")));
    server.stubFor(
        get(urlPathEqualTo(itemsPath))
            .withQueryParam("filter", absent())
            .atPriority(5)
            .willReturn(json(all.toString())));
    ArrayNode vaults = JSON.createArrayNode();
    vaults.addObject().put("id", vault).put("name", vaultTitle).put("type", "USER_CREATED");
    server.stubFor(get(urlPathEqualTo("/v1/vaults")).willReturn(json(vaults.toString())));
  }

  private String id() {
    ids++;
    String n = Integer.toString(ids, 36);
    return "d".repeat(26 - n.length()) + n;
  }

  private ObjectNode item(String vault, String title) {
    ObjectNode item = JSON.createObjectNode().put("id", id()).put("title", title);
    item.putObject("vault").put("id", vault);
    item.put("category", "SECURE_NOTE").put("version", 1);
    item.putArray("sections");
    item.putArray("fields");
    return item;
  }

  private void field(ArrayNode fields, String label, String value, @Nullable String section) {
    ObjectNode f =
        fields
            .addObject()
            .put("id", id())
            .put("type", "CONCEALED")
            .put("label", label)
            .put("value", value);
    if (section != null) {
      f.putObject("section").put("id", section);
    }
  }

  private static ResponseDefinitionBuilder json(String body) {
    return aResponse().withHeader("Content-Type", "application/json").withBody(body);
  }
}

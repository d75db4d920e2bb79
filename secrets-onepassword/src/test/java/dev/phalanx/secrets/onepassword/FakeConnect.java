package dev.phalanx.secrets.onepassword;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.AssertionFailedError;

/**
 * A fake 1Password Connect server on WireMock, built from vaults and items, whose every served
 * request and response is checked against the official OpenAPI description after each test.
 */
final class FakeConnect implements BeforeEachCallback, AfterEachCallback {

  static final String TOKEN = "canary-connect-token-9f3b1c";
  private static final ObjectMapper JSON = new ObjectMapper();

  private WireMockServer server;
  private final List<Vault> vaults = new ArrayList<>();
  private int ids;
  private boolean contractChecked = true;

  @Override
  public void beforeEach(ExtensionContext context) {
    server = new WireMockServer(options().dynamicPort());
    server.start();
    vaults.clear();
    contractChecked = true;
  }

  @Override
  public void afterEach(ExtensionContext context) {
    try {
      if (contractChecked) {
        Optional<ContractCheck> check = ContractCheck.load();
        if (check.isPresent()) {
          List<String> violations = check.get().violations(server.getAllServeEvents());
          if (!violations.isEmpty()) {
            throw new AssertionFailedError(
                "stubs drifted from the Connect API:\n  " + String.join("\n  ", violations));
          }
        }
      }
    } finally {
      server.stop();
    }
  }

  /** Leaves this test's traffic out of the contract check (for tests of the check itself). */
  void skipContractCheck() {
    contractChecked = false;
  }

  WireMockServer server() {
    return server;
  }

  String url() {
    return server.baseUrl();
  }

  /** A new 26-character lowercase id. */
  String newId() {
    ids++;
    String n = Integer.toString(ids, 36);
    return "x".repeat(26 - n.length()) + n;
  }

  Vault vault(String title) {
    Vault v = new Vault(newId(), title);
    vaults.add(v);
    return v;
  }

  /** Stubs the vault list, every vault's item list and every item. */
  FakeConnect install() {
    ArrayNode list = JSON.createArrayNode();
    for (Vault v : vaults) {
      list.addObject()
          .put("id", v.id)
          .put("name", v.title)
          .put("type", "USER_CREATED")
          .put("items", v.items.size());
      ArrayNode items = JSON.createArrayNode();
      for (Item i : v.items) {
        items.add(i.summary());
        server.stubFor(get(urlPathEqualTo(itemPath(v, i))).willReturn(json(200, i.full())));
      }
      server.stubFor(
          get(urlPathEqualTo("/v1/vaults/" + v.id + "/items")).willReturn(json(200, items)));
    }
    server.stubFor(get(urlPathEqualTo("/v1/vaults")).willReturn(json(200, list)));
    return this;
  }

  static String itemPath(Vault v, Item i) {
    return "/v1/vaults/" + v.id + "/items/" + i.id;
  }

  static ResponseDefinitionBuilder json(int status, Object body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/json")
        .withBody(body instanceof String s ? s : body.toString());
  }

  static ResponseDefinitionBuilder error(int status, String message) {
    ObjectNode n = JSON.createObjectNode().put("status", status).put("message", message);
    return json(status, n);
  }

  void stub(MappingBuilder mapping) {
    server.stubFor(mapping);
  }

  int count(String path) {
    return server.countRequestsMatching(getRequestedFor(urlPathEqualTo(path)).build()).getCount();
  }

  int total() {
    return server.getAllServeEvents().size();
  }

  final class Vault {
    final String id;
    final String title;
    final List<Item> items = new ArrayList<>();

    Vault(String id, String title) {
      this.id = id;
      this.title = title;
    }

    Item item(String title) {
      return item(title, "SECURE_NOTE");
    }

    Item item(String title, String category) {
      Item i = new Item(newId(), this, title, category);
      items.add(i);
      return i;
    }
  }

  final class Item {
    final String id;
    final Vault vault;
    final String title;
    final String category;
    final ArrayNode sections = JSON.createArrayNode();
    final ArrayNode fields = JSON.createArrayNode();

    Item(String id, Vault vault, String title, String category) {
      this.id = id;
      this.vault = vault;
      this.title = title;
      this.category = category;
    }

    /** A concealed field with a label and value. */
    Item field(String label, String value) {
      return field(label, value, "CONCEALED", "");
    }

    Item field(String label, String value, String type, String purpose) {
      ObjectNode f = fields.addObject().put("id", newId()).put("type", type).put("label", label);
      if (!purpose.isEmpty()) {
        f.put("purpose", purpose);
      }
      if (value != null) {
        f.put("value", value);
      }
      return this;
    }

    /** A field with a fixed id (e.g. {@code notesPlain}). */
    Item fieldWithId(String fieldId, String label, String value, String purpose) {
      fields
          .addObject()
          .put("id", fieldId)
          .put("type", "STRING")
          .put("purpose", purpose)
          .put("label", label)
          .put("value", value);
      return this;
    }

    /** A field without a value (Connect leaves {@code value} out). */
    Item emptyField(String label) {
      fields.addObject().put("id", newId()).put("type", "CONCEALED").put("label", label);
      return this;
    }

    /** Fields in a new section with this label: label, value, label, value, ... */
    Item section(String label, String... labelsAndValues) {
      String sid = newId();
      sections.addObject().put("id", sid).put("label", label);
      for (int k = 0; k < labelsAndValues.length; k += 2) {
        ObjectNode f =
            fields
                .addObject()
                .put("id", newId())
                .put("type", "STRING")
                .put("label", labelsAndValues[k])
                .put("value", labelsAndValues[k + 1]);
        f.putObject("section").put("id", sid);
      }
      return this;
    }

    ObjectNode summary() {
      ObjectNode n = JSON.createObjectNode().put("id", id).put("title", title);
      n.putObject("vault").put("id", vault.id);
      n.put("category", category).put("version", 1);
      return n;
    }

    ObjectNode full() {
      ObjectNode n = summary();
      n.set("sections", sections);
      n.set("fields", fields);
      return n;
    }

    String path() {
      return itemPath(vault, this);
    }
  }
}

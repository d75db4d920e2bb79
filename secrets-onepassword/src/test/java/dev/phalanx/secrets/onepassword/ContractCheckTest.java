package dev.phalanx.secrets.onepassword;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract check is live: stubs that drift from the official description are caught. */
@DisplayName("The Connect contract check")
class ContractCheckTest {

  @RegisterExtension final FakeConnect connect = new FakeConnect();

  private ContractCheck check() {
    var check = ContractCheck.load();
    Assumptions.assumeTrue(check.isPresent(), "SKIPPED: no Connect OpenAPI description");
    return check.get();
  }

  private int send(String path, boolean token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(connect.url() + path)).GET();
    if (token) {
      b.header("Authorization", "Bearer " + FakeConnect.TOKEN);
    }
    return HttpClient.newHttpClient()
        .send(b.build(), HttpResponse.BodyHandlers.ofString())
        .statusCode();
  }

  @Test
  @DisplayName("accepts the fake server's own answers")
  void accepts() throws Exception {
    ContractCheck check = check();
    FakeConnect.Vault v = connect.vault("v");
    FakeConnect.Item i = v.item("app").field("k", "x").section("s", "id", "1");
    connect.install();
    send("/v1/vaults", true);
    send("/v1/vaults/" + v.id + "/items", true);
    send(i.path(), true);
    assertThat(check.violations(connect.server().getAllServeEvents())).isEmpty();
  }

  @Test
  @DisplayName("rejects drifted stubs, bad ids, a missing token and unknown paths")
  void rejects() throws Exception {
    ContractCheck check = check();
    connect.skipContractCheck();
    String vault = connect.newId();
    // An item without the required vault and category, with a field without a type.
    connect.stub(
        get(urlPathEqualTo("/v1/vaults/" + vault + "/items/" + connect.newId()))
            .willReturn(
                FakeConnect.json(
                    200, "{\"id\":\"a\",\"title\":\"t\",\"fields\":[{\"id\":\"f\"}]}")));
    connect.stub(
        get(urlPathEqualTo("/v1/vaults/NOT-AN-ID/items")).willReturn(FakeConnect.json(200, "[]")));
    connect.stub(get(urlPathEqualTo("/v1/vaults")).willReturn(FakeConnect.json(200, "[]")));
    connect.stub(get(urlPathEqualTo("/v1/items")).willReturn(FakeConnect.json(200, "[]")));
    connect.stub(
        get(urlPathEqualTo("/v1/vaults/" + vault)).willReturn(FakeConnect.json(404, "not json")));
    send("/v1/vaults/" + vault + "/items/" + "xxxxxxxxxxxxxxxxxxxxxxxxx2", true);
    send("/v1/vaults/NOT-AN-ID/items", true);
    send("/v1/vaults", false);
    send("/v1/items", true);
    send("/v1/vaults/" + vault, true);
    String all = String.join("\n", check.violations(connect.server().getAllServeEvents()));
    assertThat(all)
        .contains("/items/xxxxxxxxxxxxxxxxxxxxxxxxx2 -> 200: validation.response.body")
        .contains("NOT-AN-ID/items -> 200: validation.request.parameter.schema.pattern")
        .contains("GET /v1/vaults -> 200: validation.request.security")
        .contains("GET /v1/items -> 200: validation.request.path.missing")
        .contains("-> 404: error body is not an ErrorResponse");
  }
}

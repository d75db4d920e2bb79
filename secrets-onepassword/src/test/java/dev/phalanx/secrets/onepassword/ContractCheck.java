package dev.phalanx.secrets.onepassword;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.http.LoggedResponse;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Checks served requests and responses against the official Connect OpenAPI description ({@code
 * contracts/onepassword-connect-openapi.yaml} under {@code phalanx.shared.dir}) with Atlassian's
 * swagger-request-validator: path templates (including the 26-character id pattern), method, query
 * parameters, the Bearer security scheme, status codes and response bodies against their schemas.
 *
 * <p>Statuses the description does not list for an operation (429 and 5xx, which a real server or
 * proxy can still send) are allowed, but their bodies must then be the documented {@code
 * ErrorResponse}.
 */
final class ContractCheck {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static @Nullable ContractCheck instance;
  private static boolean looked;

  private final OpenApiInteractionValidator validator;
  private final Path spec;

  private ContractCheck(Path spec) {
    this.spec = spec;
    this.validator =
        OpenApiInteractionValidator.createForSpecificationUrl(spec.toUri().toString())
            .withBasePathOverride("/v1")
            .withResolveCombinators(true)
            .withLevelResolver(
                LevelResolver.create()
                    .withLevel("validation.response.status.unknown", ValidationReport.Level.IGNORE)
                    .build())
            .build();
  }

  /** The checker, or empty (with a visible message) when the shared contract is absent. */
  static synchronized Optional<ContractCheck> load() {
    if (!looked) {
      looked = true;
      String dir = System.getProperty("phalanx.shared.dir");
      Path spec =
          (dir != null ? Path.of(dir) : Path.of("..", "..", "shared"))
              .resolve("contracts/onepassword-connect-openapi.yaml");
      if (Files.isRegularFile(spec)) {
        instance = new ContractCheck(spec);
      } else {
        System.err.println(
            "SKIPPED: Connect contract checks: no OpenAPI description at "
                + spec.toAbsolutePath().normalize());
      }
    }
    return Optional.ofNullable(instance);
  }

  Path spec() {
    return spec;
  }

  /** Every violation found in these serve events; empty when all conform. */
  List<String> violations(List<ServeEvent> events) {
    List<String> problems = new ArrayList<>();
    for (ServeEvent e : events) {
      problems.addAll(violations(e.getRequest(), e.getResponse()));
    }
    return problems;
  }

  List<String> violations(LoggedRequest req, LoggedResponse resp) {
    List<String> problems = new ArrayList<>();
    URI uri = URI.create(req.getUrl());
    SimpleRequest.Builder rb =
        new SimpleRequest.Builder(
            Request.Method.valueOf(req.getMethod().getName()), uri.getRawPath());
    req.getQueryParams().forEach((name, values) -> rb.withQueryParam(name, values.values()));
    for (String header : req.getAllHeaderKeys()) {
      rb.withHeader(header, req.header(header).values());
    }
    SimpleResponse.Builder sb = SimpleResponse.Builder.status(resp.getStatus());
    String contentType = resp.getHeaders().getContentTypeHeader().mimeTypePart();
    if (contentType != null) {
      sb.withContentType(contentType);
    }
    String body = resp.getBodyAsString();
    if (body != null && !body.isEmpty()) {
      sb.withBody(body);
    }
    ValidationReport report = validator.validate(rb.build(), sb.build());
    String what = req.getMethod() + " " + req.getUrl() + " -> " + resp.getStatus() + ": ";
    for (ValidationReport.Message m : report.getMessages()) {
      if (m.getLevel() == ValidationReport.Level.ERROR) {
        problems.add(what + m.getKey() + ": " + m.getMessage() + nested(m));
      }
    }
    if (resp.getStatus() >= 400) {
      problems.addAll(errorBody(what, body));
    }
    return problems;
  }

  private static String nested(ValidationReport.Message m) {
    StringBuilder sb = new StringBuilder();
    for (ValidationReport.Message n : m.getNestedMessages()) {
      sb.append("\n      ")
          .append(n.getKey())
          .append(": ")
          .append(n.getMessage())
          .append(nested(n));
    }
    return sb.toString();
  }

  /** Error bodies must be {@code {"status": int, "message": string}}. */
  private static List<String> errorBody(String what, @Nullable String body) {
    try {
      JsonNode node = JSON.readTree(body == null ? "" : body);
      if (node != null
          && node.isObject()
          && node.path("status").isInt()
          && node.path("message").isTextual()) {
        return List.of();
      }
    } catch (IOException e) {
      // reported below
    }
    return List.of(what + "error body is not an ErrorResponse {status, message}");
  }
}

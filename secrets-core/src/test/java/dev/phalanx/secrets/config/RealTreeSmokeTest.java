package dev.phalanx.secrets.config;

import dev.phalanx.secrets.testing.FakeGenerators;
import dev.phalanx.secrets.testing.SharedTree;
import org.junit.jupiter.api.Test;

class RealTreeSmokeTest {
  @Test
  void loadsAll() {
    PhalanxConfig config = PhalanxConfig.open(SharedTree.phalanxConfig(), new FakeGenerators());
    for (String env : config.environmentNames()) {
      try {
        System.out.println("COUNT " + env + " " + config.environment(env).secrets().size());
      } catch (RuntimeException e) {
        System.out.println("FAIL " + env + " " + e.getMessage());
      }
    }
  }
}

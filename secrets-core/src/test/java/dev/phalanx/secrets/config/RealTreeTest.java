package dev.phalanx.secrets.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.model.CopySecret;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.testing.FakeGenerators;
import dev.phalanx.secrets.testing.SharedTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pins what the real Phalanx tree requires per environment.
 *
 * <p>The numbers were checked against an independent implementation of DESIGN §2–3 in Python,
 * {@code src/test/python/phalanx_list.py}: run {@code python3 phalanx_list.py
 * ../shared/phalanx-config --list} for the per-secret list ({@code env app key kind}); it matched
 * this loader exactly, secret by secret and kind by kind, for all 24 environments (1,374 secrets).
 */
class RealTreeTest {

  private static final Map<String, Integer> EXPECTED = new LinkedHashMap<>();

  static {
    EXPECTED.put("base", 135);
    EXPECTED.put("ccin2p3", 30);
    EXPECTED.put("idfdemo", 41);
    EXPECTED.put("idfdev", 96);
    EXPECTED.put("idfint", 87);
    EXPECTED.put("idfprod", 78);
    EXPECTED.put("minikube", 20);
    EXPECTED.put("roundtable-dev", 61);
    EXPECTED.put("roundtable-prod", 66);
    EXPECTED.put("summit", 134);
    EXPECTED.put("tacc-spherex", 19);
    EXPECTED.put("tacc-spherex-dev", 19);
    EXPECTED.put("tucson-teststand", 114);
    EXPECTED.put("ukidacdev", 28);
    EXPECTED.put("ukidacprod", 28);
    EXPECTED.put("usdf-cm", 16);
    EXPECTED.put("usdf-cm-dev", 16);
    EXPECTED.put("usdf-rapid-analysis", 10);
    EXPECTED.put("usdf-tel-rsp", 14);
    EXPECTED.put("usdfdev", 127);
    EXPECTED.put("usdfdev-prompt-processing", 24);
    EXPECTED.put("usdfint", 69);
    EXPECTED.put("usdfprod", 117);
    EXPECTED.put("usdfprod-prompt-processing", 25);
  }

  private static PhalanxConfig config;

  @BeforeAll
  static void open() {
    config = PhalanxConfig.open(SharedTree.phalanxConfig(), new FakeGenerators());
  }

  @Test
  void hasTheTwentyFourEnvironments() {
    assertThat(config.environmentNames()).containsExactlyElementsOf(EXPECTED.keySet());
  }

  @Test
  void requiresThePinnedNumberOfSecretsInEveryEnvironment() {
    Map<String, Integer> actual = new LinkedHashMap<>();
    for (String env : config.environmentNames()) {
      actual.put(env, config.environment(env).secrets().size());
    }
    assertThat(actual).containsExactlyEntriesOf(EXPECTED);
  }

  @Test
  void idfdevHasTheExpectedKindsForWellKnownSecrets() {
    PhalanxEnvironment idfdev = config.environment("idfdev");

    assertThat(idfdev.secret(new SecretRef("gafaelfawr", "bootstrap-token")))
        .get()
        .isInstanceOf(GeneratedSecret.class);
    assertThat(idfdev.secrets()).allSatisfy(RealTreeTest::isWellFormed);
    assertThat(idfdev.secrets()).anyMatch(CopySecret.class::isInstance);
  }

  /**
   * A copy of a secret that is not required fails at resolution (DESIGN §4). The real tree has
   * seven such copies in four environments (the Python cross-check, {@code --dangling}, lists the
   * same seven): the copied application is not enabled there, or the copied secret's condition is
   * false. Resolving those environments must report all of them.
   */
  @Test
  void copiesOfSecretsThatAreNotRequiredArePinned() {
    List<String> dangling = new ArrayList<>();
    for (String env : config.environmentNames()) {
      PhalanxEnvironment environment = config.environment(env);
      for (Secret secret : environment.secrets()) {
        if (secret instanceof CopySecret copy && environment.secret(copy.from()).isEmpty()) {
          dangling.add(env + ": " + secret.ref() + " <- " + copy.from());
        }
      }
    }
    assertThat(dangling)
        .containsExactly(
            "usdf-rapid-analysis: rapid-analysis/aws-credentials.ini <- rubintv/aws-credentials.ini",
            "usdf-rapid-analysis: rapid-analysis/butler-aws-credentials.ini"
                + " <- nublado/aws-credentials.ini",
            "usdf-rapid-analysis: rapid-analysis/butler-postgres-credentials.txt"
                + " <- nublado/postgres-credentials.txt",
            "usdfdev: rubintv/ra-redis-password <- rapid-analysis/redis-password",
            "usdfint: consdb/exposurelog-password <- exposurelog/exposurelog_password",
            "usdfint: consdbtap/pgpassword <- exposurelog/exposurelog_password",
            "usdfprod: rubintv/ra-redis-password <- rapid-analysis/redis-password");
  }

  private static void isWellFormed(Secret secret) {
    assertThat(secret.application()).isNotBlank();
    assertThat(secret.spec().key()).isNotBlank();
  }
}

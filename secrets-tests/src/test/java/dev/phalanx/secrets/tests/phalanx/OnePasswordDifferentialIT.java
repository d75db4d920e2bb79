package dev.phalanx.secrets.tests.phalanx;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.StaticSecret;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.tests.ChildRuns;
import dev.phalanx.secrets.tests.ChildRuns.Run;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Phalanx and phalanx-secrets side by side against one fake 1Password Connect server (WireMock, its
 * traffic checked against the Connect OpenAPI contract), on the real tree's {@code idfdemo}: {@code
 * onepassword-secrets} prints the same YAML, and {@code audit} with items and fields missing from
 * 1Password prints the same "Missing static secrets from 1Password:" report with exit 1 in both,
 * without touching Vault (the environment's {@code vaultUrl} points at a closed port). Skipped,
 * with a message, when {@code PHALANX_BIN} is not set.
 *
 * <p>Both tools run as child processes, since the Connect token comes from {@code
 * OP_CONNECT_TOKEN}. The fake answers Connect's {@code filter=title eq "..."} queries as the real
 * server does (Phalanx's SDK looks items up by title; phalanx-secrets lists the vault once).
 */
@ExtendWith(RequiresPhalanx.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("1Password side by side with the reference Phalanx")
class OnePasswordDifferentialIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ENV = "idfdemo";
  private static final String TOKEN = "differential-connect-token";

  private FakeConnect connect;
  private ConnectContract contract;
  private String phalanx;
  private Path tree;
  private Path dir;
  private List<StaticSecret> statics;
  private String vaultTitle;

  @BeforeAll
  void setUp(@TempDir Path scratch) throws IOException {
    phalanx = RequiresPhalanx.executable().orElseThrow().toString();
    Path shared =
        Path.of(System.getProperty("phalanx.shared.dir", "../../shared")).toAbsolutePath();
    Path source = shared.resolve("phalanx-config").normalize();
    Path spec = shared.resolve("contracts/onepassword-connect-openapi.yaml").normalize();
    assertThat(source.resolve("applications")).as("the real tree").isDirectory();
    assertThat(spec).as("the Connect contract").isRegularFile();
    contract = new ConnectContract(spec);
    connect = new FakeConnect();
    dir = scratch;
    tree = scratch.resolve("phalanx-config");
    connect.treeFor(source, ENV, tree);
    PhalanxEnvironment env = PhalanxConfig.open(tree, Providers.load()).environment(ENV);
    statics =
        env.secrets().stream()
            .filter(s -> s instanceof StaticSecret)
            .map(s -> (StaticSecret) s)
            .toList();
    assertThat(statics).isNotEmpty();
    assertThat(statics).anyMatch(StaticSecret::onePasswordEncoded);
    vaultTitle = env.settings().onePassword().orElseThrow().vaultTitle();
  }

  @AfterAll
  void tearDown() {
    if (connect != null) {
      connect.server().stop();
    }
  }

  @BeforeEach
  void reset() {
    connect.server().resetAll();
  }

  @Test
  @DisplayName("onepassword-secrets: the same YAML (encoded values decoded, pull secret)")
  void onepasswordSecrets() throws Exception {
    connect.stub(statics, vaultTitle, Set.of(), Set.of(), true);
    Run theirs = phalanx("secrets", "onepassword-secrets", ENV);
    Run ours = ours("secrets", "onepassword-secrets", ENV);
    assertThat(theirs.status()).as(theirs.err()).isZero();
    assertThat(ours.status()).as(ours.err()).isZero();
    assertThat(theirs.out()).contains("applications:").contains("value: \"value of ");
    assertThat(ours.out()).isEqualTo(theirs.out());
    assertThat(contract.violations(connect.server().getAllServeEvents())).isEmpty();
  }

  @Test
  @DisplayName("audit with items and fields missing from 1Password: the same report, exit 1")
  void missingFromOnePassword() throws Exception {
    List<String> apps = statics.stream().map(s -> s.ref().application()).distinct().toList();
    assertThat(apps).hasSizeGreaterThan(2);
    // One whole item missing, and two fields of another application.
    String missingApp = apps.get(1);
    List<SecretRef> fields =
        statics.stream()
            .map(StaticSecret::ref)
            .filter(r -> !r.application().equals(missingApp))
            .toList();
    SecretRef first = fields.get(0);
    SecretRef last = fields.get(fields.size() - 1);
    connect.stub(statics, vaultTitle, Set.of(missingApp), Set.of(first, last), false);
    Run theirs = phalanx("secrets", "audit", ENV, "-c", tree.toString());
    Run ours = ours("secrets", "audit", ENV, "-c", tree.toString());
    assertThat(theirs.status()).as(theirs.err()).isEqualTo(1);
    assertThat(theirs.out())
        .startsWith("Missing static secrets from 1Password:\n")
        .contains("\u2022 " + missingApp + "\n")
        .contains("\u2022 " + first.application() + " " + first.key() + "\n");
    assertThat(ours.out()).isEqualTo(theirs.out());
    assertThat(ours.status()).as(ours.err()).isEqualTo(1);
    assertThat(contract.violations(connect.server().getAllServeEvents())).isEmpty();
  }

  // --- the two tools as child processes ---

  private Run phalanx(String... args) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(phalanx);
    command.addAll(List.of(args));
    return run(command);
  }

  private Run ours(String... args) throws Exception {
    return run(ChildRuns.ours(List.of(args)));
  }

  private Run run(List<String> command) throws Exception {
    List<String> full = new ArrayList<>(command);
    if (!full.contains("-c")) {
      full.addAll(List.of("-c", tree.toString()));
    }
    return ChildRuns.run(full, dir, Map.of("OP_CONNECT_TOKEN", TOKEN));
  }
}

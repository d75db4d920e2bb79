package dev.phalanx.secrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phalanx.secrets.Location;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.engine.KeyChange;
import dev.phalanx.secrets.engine.PlannedOperation;
import dev.phalanx.secrets.model.CopyRule;
import dev.phalanx.secrets.model.CopySecret;
import dev.phalanx.secrets.model.GenerateRule;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.RuleOptions;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.model.SecretSpec;
import dev.phalanx.secrets.model.StaticSecret;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Phalanx prints its sync lines in the order it resolves secrets (rounds over the secrets sorted by
 * application then key; a copy waits for its source, a generated secret with a source waits for it
 * when it is being generated). Derived from Phalanx's {@code _resolve_secrets} and {@code
 * _sync_application_secrets}; the differential suite checks it against the reference.
 */
@DisplayName("sync lines in Phalanx's resolution order")
class ResolutionOrderTest {

  private static final Location HERE = new Location(Path.of("secrets.yaml"), 1);

  private static SecretSpec spec(String app, String key, CopyRule copy, GenerateRule generate) {
    return new SecretSpec(app, key, "d", null, copy, generate, null, false, HERE);
  }

  private static Secret statik(String app, String key) {
    return new StaticSecret(spec(app, key, null, null));
  }

  private static Secret copy(String app, String key, String fromApp, String fromKey) {
    CopyRule rule = new CopyRule(new SecretRef(fromApp, fromKey), null);
    return new CopySecret(spec(app, key, rule, null), rule);
  }

  private static Secret hash(String app, String key, String source) {
    GenerateRule rule = new GenerateRule("bcrypt-password-hash", source, RuleOptions.empty(), null);
    return new GeneratedSecret(spec(app, key, null, rule), rule);
  }

  private static PlannedOperation create(String app, String... keys) {
    return new PlannedOperation(
        PlannedOperation.Kind.CREATE_APPLICATION,
        app,
        Arrays.stream(keys).map(k -> new KeyChange(k, KeyChange.Action.ADD, "new")).toList());
  }

  private static PlannedOperation update(String app, String... keys) {
    return new PlannedOperation(
        PlannedOperation.Kind.UPDATE_APPLICATION,
        app,
        Arrays.stream(keys).map(k -> new KeyChange(k, KeyChange.Action.ADD, "missing")).toList());
  }

  @Test
  @DisplayName("an application holding only copies of a later application's secrets comes after it")
  void copiesComeInALaterRound() {
    List<Secret> secrets =
        List.of(
            copy("alpha", "token", "zulu", "token"),
            statik("mid", "password"),
            statik("zulu", "token"));
    List<PlannedOperation> applied =
        List.of(
            create("alpha", "token"),
            create("mid", "password"),
            create("zulu", "token"),
            create(PhalanxText.PULL_SECRET, ".dockerconfigjson"));
    assertThat(PhalanxText.sync(applied, ResolutionOrder.of(secrets, applied)))
        .isEqualTo(
            "Created Vault secret for mid\n"
                + "Created Vault secret for zulu\n"
                + "Created Vault secret for alpha\n"
                + "Created Vault secret for pull-secret\n");
  }

  @Test
  @DisplayName("a hash of a later key, both being written, comes after that key")
  void sourceGeneratedKeysWait() {
    List<Secret> secrets =
        List.of(hash("app", "hash", "password"), statik("app", "other"), statik("app", "password"));
    List<PlannedOperation> applied = List.of(update("app", "hash", "other", "password"));
    assertThat(PhalanxText.sync(applied, ResolutionOrder.of(secrets, applied)))
        .isEqualTo(
            "Updated Vault secret for app other\n"
                + "Updated Vault secret for app password\n"
                + "Updated Vault secret for app hash\n");
  }

  @Test
  @DisplayName("a kept hash does not wait: keys in name order")
  void keptHashIsReadyAtOnce() {
    List<Secret> secrets =
        List.of(
            hash("app", "hash", "password"),
            copy("app", "link", "app", "password"),
            statik("app", "password"));
    // hash keeps its stored value; link is a copy and always waits for password
    List<PlannedOperation> applied = List.of(update("app", "link", "password"));
    assertThat(PhalanxText.sync(applied, ResolutionOrder.of(secrets, applied)))
        .isEqualTo(
            "Updated Vault secret for app password\n" + "Updated Vault secret for app link\n");
    List<PlannedOperation> passwordOnly = List.of(update("app", "password"));
    assertThat(PhalanxText.sync(passwordOnly, ResolutionOrder.of(secrets, passwordOnly)))
        .isEqualTo("Updated Vault secret for app password\n");
  }
}

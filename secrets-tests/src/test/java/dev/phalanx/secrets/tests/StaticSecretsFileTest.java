package dev.phalanx.secrets.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.phalanx.secrets.ConfigurationException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.UnresolvedSecretsException;
import dev.phalanx.secrets.config.StaticSecretsFile;
import dev.phalanx.secrets.config.StaticTemplate;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.engine.SyncListener;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.StaticSecret;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.testkit.InMemorySecretStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

@DisplayName("The static-secrets file")
class StaticSecretsFileTest {

  @TempDir Path dir;

  PhalanxEnvironment env;
  SecretsEngine engine;
  InMemorySecretStore store;

  @BeforeEach
  void setUp() {
    env = Fixtures.environment(Fixtures.fastExampleTree(dir), Fixtures.ENV);
    engine = SecretsEngine.builder().generators(Fixtures.PROVIDERS).build();
    store = InMemorySecretStore.create();
  }

  Path file(String name, String text) {
    Path p = dir.resolve(name);
    Fixtures.write(p, text);
    return p;
  }

  static final String GOOD_APPS =
      "applications:\n"
          + "  argocd:\n    dex.clientSecret:\n      value: dex\n"
          + "  gafaelfawr:\n    cilogon-client-secret:\n      value: cilogon\n"
          + "  mobu:\n    app-alert-webhook:\n      value: https://hook\n"
          + "  nublado:\n    hub-db-password:\n      description: ignored\n      value: hub\n";

  @Nested
  @DisplayName("with bad input")
  class BadInput {

    @Test
    @DisplayName("warns about unknown applications and keys and does not write them")
    void unknownEntries() {
      Path p =
          file(
              "unknown.yaml",
              GOOD_APPS
                  + "  nope:\n    key:\n      value: x\n"
                  + "  mobu-extra:\n    k:\n      value: y\n");
      Fixtures.replace(
          p,
          "      value: https://hook\n",
          "      value: https://hook\n    nope:\n      value: z\n");

      StaticSecrets statics = StaticSecretsFile.read(p).select(Fixtures.request(env));

      assertEquals(3, statics.warnings().size(), statics.warnings().toString());
      assertTrue(
          statics.warnings().stream()
              .anyMatch(w -> w.contains("mobu/nope is not a static secret of environment example")),
          statics.warnings().toString());
      assertTrue(statics.warnings().stream().anyMatch(w -> w.contains("nope/key")));
      assertTrue(statics.warnings().stream().anyMatch(w -> w.contains("mobu-extra/k")));
      engine.sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE);
      assertFalse(store.listApplications().contains("nope"));
      assertFalse(store.listApplications().contains("mobu-extra"));
      assertEquals(Set.of("app-alert-webhook"), store.snapshot().get("mobu").data().keySet());
      assertTrue(engine.audit(env, statics, store, SyncOptions.defaults()).isClean());
    }

    @Test
    @DisplayName("rejects a number value with the file and line, before anything is written")
    void numberValue() {
      Path p = file("number.yaml", GOOD_APPS.replace("value: hub", "value: 42"));

      ConfigurationException e =
          assertThrows(ConfigurationException.class, () -> StaticSecretsFile.read(p));

      Problem problem = e.problems().get(0);
      assertEquals(p.getFileName(), problem.location().file().getFileName());
      assertEquals(14, problem.location().line());
      assertTrue(e.getMessage().contains("number.yaml:14"), e.getMessage());
      assertTrue(
          e.getMessage().contains("nublado/hub-db-password value must be a string"),
          e.getMessage());
      assertEquals(0, store.writeCount());
    }

    @Test
    @DisplayName("rejects a list value and other wrong types, all at once, each with its line")
    void listValue() {
      Path p =
          file(
              "list.yaml",
              GOOD_APPS.replace("value: dex", "value: [a, b]")
                  + "oidc-clients:\n  c:\n    id: x\n    secret: true\n    return_uri: u\n"
                  + "vault-write-token: 12\n");
      // Line 18 (secret: true) is reported once, not once per check.

      ConfigurationException e =
          assertThrows(ConfigurationException.class, () -> StaticSecretsFile.read(p));

      List<Integer> lines = e.problems().stream().map(pr -> pr.location().line()).sorted().toList();
      assertEquals(List.of(4, 18, 20), lines, e.getMessage());
      assertTrue(e.getMessage().startsWith("3 problems:"), e.getMessage());
      assertTrue(e.getMessage().contains("list.yaml:4"), e.getMessage());
    }

    @Test
    @DisplayName("missing values make sync fail listing every unresolved secret, nothing written")
    void missingValues() {
      Path p =
          file(
              "missing.yaml",
              "applications:\n  mobu:\n    app-alert-webhook:\n      value: null\n"
                  + "  nublado:\n    hub-db-password:\n      value: hub\n");
      StaticSecrets statics = StaticSecretsFile.read(p).select(Fixtures.request(env));

      UnresolvedSecretsException e =
          assertThrows(
              UnresolvedSecretsException.class,
              () -> engine.sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE));

      Set<String> subjects =
          e.problems().stream()
              .map(Problem::subject)
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(
          Set.of(
              "argocd/dex.clientSecret",
              "gafaelfawr/cilogon-client-secret",
              "gafaelfawr/slack-webhook",
              "mobu/app-alert-webhook",
              "nublado/slack-webhook"),
          subjects);
      assertEquals(0, store.writeCount());
    }
  }

  @Nested
  @DisplayName("made by static-template")
  class Template {

    @Test
    @DisplayName(
        "parses back with every static secret, all null, with the base64 warning where due")
    @SuppressWarnings("unchecked")
    void roundTrip() {
      String text = StaticTemplate.render(env);
      Path p = file("template.yaml", text);

      StaticSecrets statics = StaticSecretsFile.read(p).select(Fixtures.request(env));

      assertEquals(Map.of(), statics.values());
      assertEquals(List.of(), statics.warnings());
      assertTrue(statics.pullSecret().isEmpty());
      assertTrue(statics.vaultWriteToken().isEmpty());
      Map<String, Object> root = new Yaml().load(text);
      assertEquals(
          Set.of("applications", "oidc-clients", "pull-secret", "vault-write-token"),
          root.keySet());
      Map<String, Map<String, Map<String, Object>>> apps =
          (Map<String, Map<String, Map<String, Object>>>) root.get("applications");
      Set<SecretRef> listed = new TreeSet<>();
      apps.forEach((app, keys) -> keys.keySet().forEach(k -> listed.add(SecretRef.of(app, k))));
      Set<SecretRef> expected =
          env.secrets().stream()
              .filter(s -> s instanceof StaticSecret)
              .map(s -> s.ref())
              .collect(Collectors.toCollection(TreeSet::new));
      assertEquals(expected, listed);
      assertEquals(
          Set.of(
              SecretRef.of("argocd", "dex.clientSecret"),
              SecretRef.of("gafaelfawr", "cilogon-client-secret"),
              SecretRef.of("mobu", "app-alert-webhook"),
              SecretRef.of("nublado", "hub-db-password")),
          listed);
      Map<String, Object> dex = apps.get("argocd").get("dex.clientSecret");
      assertEquals(StaticTemplate.ENCODED_WARNING, dex.get("warning"));
      assertTrue(dex.containsKey("value"));
      assertEquals(null, dex.get("value"));
      assertTrue(((String) dex.get("description")).startsWith("OAuth client secret"));
      assertFalse(apps.get("mobu").get("app-alert-webhook").containsKey("warning"));
      assertEquals(Map.of(), root.get("oidc-clients"));
      Map<String, Object> pull = (Map<String, Object>) root.get("pull-secret");
      assertEquals(StaticTemplate.PULL_SECRET_DESCRIPTION, pull.get("description"));
      assertEquals(Map.of(), pull.get("registries"));
      assertTrue(root.containsKey("vault-write-token"));
      assertEquals(null, root.get("vault-write-token"));
    }

    @Test
    @DisplayName("filled in, syncs the example environment like the shipped static-secrets file")
    void shippedExampleFile() {
      StaticSecrets statics =
          StaticSecretsFile.read(Fixtures.exampleStaticSecrets()).select(Fixtures.request(env));
      assertEquals(List.of(), statics.warnings());
      engine.sync(env, statics, store, SyncOptions.defaults(), SyncListener.NONE);
      assertTrue(engine.audit(env, statics, store, SyncOptions.defaults()).isClean());
      InMemorySecretStore other = InMemorySecretStore.create();
      StaticSecrets fromSource = Fixtures.fetch(env, Fixtures.exampleSource().build());
      engine.sync(env, fromSource, other, SyncOptions.defaults(), SyncListener.NONE);
      assertEquals(
          Fixtures.values(store).get(SecretRef.of("pull-secret", ".dockerconfigjson")),
          Fixtures.values(other).get(SecretRef.of("pull-secret", ".dockerconfigjson")));
    }
  }
}

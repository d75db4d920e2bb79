package dev.phalanx.secrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.phalanx.secrets.config.PhalanxConfig;
import dev.phalanx.secrets.providers.Providers;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The phalanx-secrets command")
class CliTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String config() {
    return Cli.examples().resolve("phalanx").toString();
  }

  private static String staticFile() {
    return Cli.examples().resolve("static-secrets.yaml").toString();
  }

  @Nested
  @DisplayName("list")
  class ListCommandTest {

    @Test
    @DisplayName("prints 'application key' lines sorted by application then key")
    void text() {
      Cli cli = Cli.run("list", "minimal", "--config", config());
      assertThat(cli.status()).isZero();
      assertThat(cli.out())
          .isEqualTo(
              String.join(
                  "\n",
                  "argocd admin.password",
                  "argocd admin.passwordMtime",
                  "argocd admin.plaintext_password",
                  "argocd dex.clientSecret",
                  "argocd server.secretkey",
                  "gafaelfawr bootstrap-token",
                  "gafaelfawr redis-password",
                  "gafaelfawr session-secret",
                  ""));
      assertThat(cli.err()).isEmpty();
    }

    @Test
    @DisplayName("JSON adds kind, description, copy source and generator")
    void json() throws Exception {
      Cli cli = Cli.run("list", "example", "--config", config(), "--format", "json");
      assertThat(cli.status()).isZero();
      JsonNode rows = JSON.readTree(cli.out()).path("result").path("secrets");
      assertThat(rows).hasSize(25);
      JsonNode slack = find(rows, "gafaelfawr", "slack-webhook");
      assertThat(slack.path("kind").asText()).isEqualTo("copy");
      assertThat(slack.path("copy").path("application").asText()).isEqualTo("mobu");
      JsonNode hash = find(rows, "argocd", "admin.password");
      assertThat(hash.path("generate").path("type").asText()).isEqualTo("bcrypt-password-hash");
      assertThat(hash.path("generate").path("source").asText())
          .isEqualTo("admin.plaintext_password");
      assertThat(find(rows, "nublado", "aws-region").path("kind").asText()).isEqualTo("value");
      assertThat(
              find(rows, "argocd", "dex.clientSecret")
                  .path("onepassword")
                  .path("encoded")
                  .asBoolean())
          .isTrue();
    }

    @Test
    @DisplayName("an unknown environment fails with exit 2 and lists the known ones")
    void unknownEnvironment() {
      Cli cli = Cli.run("list", "nope", "--config", config());
      assertThat(cli.status()).isEqualTo(2);
      assertThat(cli.err())
          .isEqualTo("error: unknown environment 'nope'; known environments: example, minimal\n");
      assertThat(cli.out()).isEmpty();
    }

    @Test
    @DisplayName("a missing environment argument is a usage error, exit 2")
    void usage() {
      Cli cli = Cli.run("list", "--config", config());
      assertThat(cli.status()).isEqualTo(2);
      assertThat(cli.err()).startsWith("error: Missing required parameter: 'ENV'");
    }

    @Test
    @DisplayName("without --config and no tree above the working directory: usage error")
    void noConfig() {
      Cli cli = Cli.run("list", "example");
      assertThat(cli.status()).isEqualTo(2);
      assertThat(cli.err()).contains("no Phalanx configuration tree").contains("--config");
    }

    @Test
    @DisplayName("runs for every environment of the real Phalanx tree")
    void realTree() {
      Path tree = Cli.realTree();
      List<String> envs = PhalanxConfig.open(tree, Providers.load()).environmentNames();
      assertThat(envs).hasSize(24);
      for (String env : envs) {
        Cli cli = Cli.run("list", env, "--config", tree.toString());
        assertThat(cli.status()).as(env + ": " + cli.err()).isZero();
        assertThat(cli.out().lines()).as(env).isNotEmpty().isSorted();
      }
      assertThat(Cli.run("list", "idfdev", "--config", tree.toString()).out().lines()).hasSize(96);
    }
  }

  @Nested
  @DisplayName("errors")
  class Errors {

    @Test
    @DisplayName("a copy and a generate rule that both apply: usage error, exit 2 (as Phalanx)")
    void copyAndGenerateBothApplyIsAUsageError(@TempDir Path dir) throws Exception {
      Path tree = copyOfExample(dir);
      Files.writeString(
          tree.resolve("applications/mobu/secrets.yaml"),
          "app-alert-webhook:\n  description: d\n  copy:\n    application: gafaelfawr\n"
              + "    key: k\n    if: enabled\n  generate:\n    type: password\n"
              + "    if: enabled\n");
      Files.writeString(tree.resolve("applications/mobu/values.yaml"), "enabled: true\n");
      Cli cli = Cli.run("list", "example", "--config", tree.toString());
      assertThat(cli.status()).isEqualTo(2);
      assertThat(cli.err())
          .contains("mobu/app-alert-webhook: both copy and generate apply in environment example")
          .doesNotContain("\tat ");
    }

    @Test
    @DisplayName("--exclude of an application the environment does not enable warns")
    void excludeOfAnUnknownApplicationWarns(@TempDir Path dir) throws Exception {
      Path store = dir.resolve("store.json");
      Cli cli =
          Cli.run(
              "audit",
              "example",
              "--config",
              config(),
              "--secrets",
              staticFile(),
              "--store",
              "file:" + store,
              "--exclude",
              "nosuchapp",
              "--exclude",
              "mobu");
      assertThat(cli.err())
          .contains(
              "warning: --exclude nosuchapp: environment example does not enable an application"
                  + " of that name")
          .doesNotContain("--exclude mobu");
    }

    @Test
    @DisplayName("a store warning is printed once, in one format (not also logged)")
    void warningsArePrintedOnce(@TempDir Path dir) throws Exception {
      Path store = dir.resolve("store.json");
      String[] common = {
        "--config", config(), "--secrets", staticFile(), "--store", "file:" + store
      };
      assertThat(Cli.run(concat(new String[] {"sync", "example"}, common)).status()).isZero();
      Files.setPosixFilePermissions(store, PosixFilePermissions.fromString("rw-r--r--"));
      PrintStream oldErr = System.err;
      ByteArrayOutputStream logged = new ByteArrayOutputStream();
      Cli audit;
      try {
        System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
        audit = Cli.run(concat(new String[] {"audit", "example"}, common));
      } finally {
        System.setErr(oldErr);
      }
      String everything = audit.err() + logged.toString(StandardCharsets.UTF_8);
      assertThat(everything.split("is readable by others", -1)).hasSize(2);
      assertThat(audit.err()).contains("warning: file store ").doesNotContain("[WARN]");
    }

    @Test
    @DisplayName("a spec error is one line per problem with file:line, no stack trace")
    void specError(@TempDir Path dir) throws Exception {
      Path tree = copyOfExample(dir);
      Files.writeString(
          tree.resolve("applications/mobu/secrets.yaml"),
          "app-alert-webhook:\n  descripton: typo\n  generate:\n    type: password\n    source: x\n");
      Cli cli = Cli.run("list", "example", "--config", tree.toString());
      assertThat(cli.status()).isEqualTo(2);
      assertThat(cli.err())
          .contains(
              "applications/mobu/secrets.yaml:2: mobu/app-alert-webhook: unknown field 'descripton'")
          .contains(
              "applications/mobu/secrets.yaml:5: mobu/app-alert-webhook: generate.source is not allowed for type password")
          .doesNotContain("\tat ")
          .doesNotContain("Exception");
    }

    @Test
    @DisplayName("--debug adds the stack trace")
    void debug(@TempDir Path dir) throws Exception {
      Path tree = copyOfExample(dir);
      Files.writeString(tree.resolve("applications/mobu/secrets.yaml"), "a: [unclosed\n");
      Cli cli = Cli.run("--debug", "list", "example", "--config", tree.toString());
      assertThat(cli.status()).isEqualTo(2);
      assertThat(cli.err()).contains("invalid YAML").contains("\tat ");
    }
  }

  @Nested
  @DisplayName("sync, audit and plan on the file store")
  class Workflow {

    @Test
    @DisplayName("sync writes everything, audit is then clean, a second sync changes nothing")
    void syncAuditSync(@TempDir Path dir) throws Exception {
      Path store = dir.resolve("store.json");
      String[] common = {
        "--config", config(), "--secrets", staticFile(), "--store", "file:" + store
      };
      Cli audit0 = Cli.run(concat(new String[] {"audit", "example"}, common));
      assertThat(audit0.status()).isEqualTo(1);
      assertThat(audit0.out()).startsWith("Missing secrets:\n\u2022 argocd admin.password\n");

      Cli sync = Cli.run(concat(new String[] {"sync", "example"}, common));
      assertThat(sync.status()).as(sync.err()).isZero();
      assertThat(sync.out())
          .startsWith("Created Vault secret for argocd\n")
          .endsWith("Created Vault secret for pull-secret\n")
          .doesNotContain("Synced");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store)))
          .isEqualTo("rw-------");

      Cli audit = Cli.run(concat(new String[] {"audit", "example"}, common));
      assertThat(audit.status()).isZero();
      assertThat(audit.out()).isEmpty();

      Cli again = Cli.run(concat(new String[] {"sync", "example"}, common));
      assertThat(again.status()).isZero();
      assertThat(again.out()).isEmpty();
      assertThat(Cli.run(concat(new String[] {"sync", "example", "-v"}, common)).out())
          .isEqualTo("No changes.\n");
      assertThat(Cli.run(concat(new String[] {"plan", "example"}, common)).out())
          .isEqualTo("No changes.\n");

      Cli regen =
          Cli.run(
              concat(
                  new String[] {
                    "plan", "example", "--regenerate", "argocd/admin.plaintext_password"
                  },
                  common));
      assertThat(regen.out())
          .isEqualTo(
              "update application argocd\n"
                  + "  ~ admin.password (stale: hash does not match its source)\n"
                  + "  ~ admin.passwordMtime (stale: refreshed with argocd/admin.password)\n"
                  + "  ~ admin.plaintext_password (regeneration requested)\n");

      Path export = dir.resolve("export");
      Cli exp = Cli.run(concat(new String[] {"export", "example", export.toString()}, common));
      assertThat(exp.status()).isZero();
      assertThat(Files.list(export)).hasSize(7);
      Path argocd = export.resolve("argocd.json");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(argocd)))
          .isEqualTo("rw-------");
      assertThat(JSON.readTree(argocd.toFile()).path("dex.clientSecret").asText())
          .isEqualTo("example-dex-client-secret");
    }

    @Test
    @DisplayName("values never reach the terminal outside export and generate")
    void noValuesPrinted(@TempDir Path dir) {
      Path store = dir.resolve("store.json");
      String[] common = {
        "--config", config(), "--secrets", staticFile(), "--store", "file:" + store
      };
      StringBuilder all = new StringBuilder();
      for (String cmd : List.of("plan", "sync", "audit", "plan")) {
        Cli cli = Cli.run(concat(new String[] {cmd, "example", "--format", "json"}, common));
        all.append(cli.out()).append(cli.err());
        Cli text = Cli.run(concat(new String[] {cmd, "example"}, common));
        all.append(text.out()).append(text.err());
      }
      assertThat(all.toString())
          .doesNotContain("example-dex-client-secret")
          .doesNotContain("example-registry-token")
          .doesNotContain("example-client-secret")
          .doesNotContain("BEGIN");
    }

    @Test
    @DisplayName("an option the source does not know is an error, before anything is written")
    void unknownSourceOption(@TempDir Path dir) {
      Path store = dir.resolve("store.json");
      Cli cli =
          Cli.run(
              "sync",
              "example",
              "--config",
              config(),
              "--source",
              "file:" + staticFile(),
              "--source-option",
              "missing=warn",
              "--store",
              "file:" + store);
      assertThat(cli.status()).isEqualTo(2);
      assertThat(cli.err()).contains("the file source takes no options; got [missing]");
      assertThat(store).doesNotExist();
    }

    @Test
    @DisplayName("a read-only or unknown store type is a clear error")
    void unknownStore() {
      Cli cli =
          Cli.run(
              "audit",
              "example",
              "--config",
              config(),
              "--store",
              "nosuch:x",
              "--secrets",
              staticFile());
      assertThat(cli.status()).isEqualTo(2);
      assertThat(cli.err()).contains("no SecretStore for 'nosuch'; available: [").contains("file");
    }
  }

  @Nested
  @DisplayName("other commands")
  class Others {

    @Test
    @DisplayName("static-template lists every static secret with value null, warnings folded")
    void staticTemplate() {
      Cli cli = Cli.run("static-template", "example", "--config", config());
      assertThat(cli.status()).isZero();
      assertThat(cli.out())
          .contains("applications:\n  argocd:\n    dex.clientSecret:\n")
          .contains(
              "      warning: >-\n"
                  + "        If you store this secret in a 1Password item, encode it with base64\n"
                  + "        first.\n")
          .contains("oidc-clients: {}")
          .contains("vault-write-token: null")
          .doesNotContain("redis-password");
    }

    @Test
    @DisplayName("onepassword-secrets writes the source's values in the static-file layout, 0600")
    void staticSecretsRoundTrip(@TempDir Path dir) throws Exception {
      Path file = dir.resolve("static.yaml");
      Cli cli =
          Cli.run(
              "onepassword-secrets",
              "example",
              "--config",
              config(),
              "--source",
              "file:" + staticFile(),
              "-o",
              file.toString());
      assertThat(cli.status()).as(cli.err()).isZero();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
          .isEqualTo("rw-------");
      assertThat(Files.readString(file)).contains("value: example-dex-client-secret");
      Path store = dir.resolve("store.json");
      assertThat(
              Cli.run(
                      "sync",
                      "example",
                      "--config",
                      config(),
                      "--secrets",
                      file.toString(),
                      "--store",
                      "file:" + store)
                  .status())
          .isZero();
      Cli audit =
          Cli.run(
              "audit",
              "example",
              "--config",
              config(),
              "--secrets",
              staticFile(),
              "--store",
              "file:" + store);
      assertThat(audit.status()).as(audit.out()).isZero();
    }

    @Test
    @DisplayName("onepassword-secrets refuses an environment without 1Password and no --source")
    void staticSecretsWithoutSource() {
      Cli cli = Cli.run("onepassword-secrets", "example", "--config", config());
      assertThat(cli.status()).isEqualTo(2);
      assertThat(cli.err()).contains("does not use 1Password");
    }

    @Test
    @DisplayName("--prompt without a terminal is refused before anything is written")
    void promptWithoutTerminal(@TempDir Path dir) {
      Path store = dir.resolve("store.json");
      Cli cli =
          Cli.run("sync", "example", "--config", config(), "--prompt", "--store", "file:" + store);
      assertThat(cli.status()).isEqualTo(2);
      assertThat(cli.err()).contains("--prompt needs a terminal");
      assertThat(store).doesNotExist();
    }

    @Test
    @DisplayName("explain says why a secret is skipped")
    void explain() {
      Cli cli = Cli.run("explain", "minimal", "gafaelfawr", "--config", config());
      assertThat(cli.status()).isZero();
      assertThat(cli.out())
          .contains(
              "gafaelfawr signing-key\n  why:        skipped: condition 'config.oidcServer.enabled' is not true");
    }

    @Test
    @DisplayName("explain says a value derived from static input is derived anew on every run")
    void explainDerived() {
      Cli cli =
          Cli.run("explain", "example", "gafaelfawr/oidc-server-secrets", "--config", config());
      assertThat(cli.status()).as(cli.err()).isZero();
      assertThat(cli.out())
          .contains(
              "  value from: derived (oidc-clients) from the static source on every run; the"
                  + " stored value is kept when there is no static source or it provides none of"
                  + " this input\n")
          .doesNotContain("kept once stored");
    }

    @Test
    @DisplayName("explain with a store says where each value comes from in a real resolution")
    void explainWithStore(@TempDir Path dir) {
      Path store = dir.resolve("store.json");
      String[] common = {
        "--config", config(), "--secrets", staticFile(), "--store", "file:" + store
      };
      assertThat(Cli.run(concat(new String[] {"sync", "example"}, common)).status()).isZero();
      Cli cli = Cli.run(concat(new String[] {"explain", "example", "gafaelfawr"}, common));
      assertThat(cli.status()).as(cli.err()).isZero();
      assertThat(cli.out())
          .contains("gafaelfawr redis-password\n")
          .contains("  value from: generated earlier, kept\n")
          .contains("  value from: copy of mobu/app-alert-webhook\n")
          .contains("  value from: from the static source\n");
    }

    @Test
    @DisplayName("generate prints one fresh value, different every time")
    void generate() {
      Cli a = Cli.run("generate", "password");
      Cli b = Cli.run("generate", "password");
      assertThat(a.status()).isZero();
      assertThat(a.out()).matches("[0-9a-f]{64}\n");
      assertThat(a.out()).isNotEqualTo(b.out());
      Cli missing = Cli.run("generate", "bcrypt-password-hash");
      assertThat(missing.status()).isEqualTo(2);
      assertThat(missing.err()).contains("--source-value-file");
    }

    @Test
    @DisplayName("generate reads the source from a file")
    void generateWithSource(@TempDir Path dir) throws Exception {
      Path source = dir.resolve("pw");
      Files.writeString(source, "hunter2\n");
      Cli cli =
          Cli.run(
              "generate",
              "bcrypt-password-hash",
              "--source-value-file",
              source.toString(),
              "--option",
              "cost=4");
      assertThat(cli.status()).as(cli.err()).isZero();
      assertThat(cli.out()).startsWith("$2b$04$");
    }

    @Test
    @DisplayName("generate x509-certificate makes a self-signed certificate (its --help example)")
    void generateSelfSignedCertificate(@TempDir Path dir) throws Exception {
      Cli key = Cli.run("generate", "rsa-private-key");
      assertThat(key.status()).as(key.err()).isZero();
      Path keyFile = dir.resolve("key.pem");
      Files.writeString(keyFile, key.out());
      Cli cli =
          Cli.run(
              "generate",
              "x509-certificate",
              "--source-value-file",
              keyFile.toString(),
              "--option",
              "commonName=example.com",
              "--option",
              "dnsNames=example.com,www.example.com");
      assertThat(cli.status()).as(cli.err()).isZero();
      assertThat(cli.out()).startsWith("-----BEGIN CERTIFICATE-----");
      Cli half =
          Cli.run(
              "generate",
              "x509-certificate",
              "--source-value-file",
              keyFile.toString(),
              "--option",
              "commonName=example.com",
              "--option",
              "issuer.certificate=ca-cert");
      assertThat(half.status()).isEqualTo(2);
      assertThat(half.err()).contains("issuer.privateKey");
      Cli unknown =
          Cli.run(
              "generate",
              "x509-certificate",
              "--source-value-file",
              keyFile.toString(),
              "--option",
              "commonName=example.com",
              "--option",
              "issuer.bogus=x");
      assertThat(unknown.status()).isEqualTo(2);
      assertThat(unknown.err()).contains("issuer.bogus");
    }

    @Test
    @DisplayName("schema is JSON Schema 2020-12 listing the generator types")
    void schema() throws Exception {
      Cli cli = Cli.run("schema");
      assertThat(cli.status()).isZero();
      JsonNode schema = JSON.readTree(cli.out());
      assertThat(schema.path("$schema").asText()).contains("2020-12");
      assertThat(cli.out()).contains("x509-certificate").contains("bcrypt-password-hash");
    }
  }

  private static JsonNode find(JsonNode rows, String app, String key) {
    for (JsonNode row : rows) {
      if (row.path("application").asText().equals(app) && row.path("key").asText().equals(key)) {
        return row;
      }
    }
    throw new AssertionError("no row " + app + " " + key);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = new String[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  static Path copyOfExample(Path dir) throws Exception {
    Path source = Cli.examples().resolve("phalanx");
    Path target = dir.resolve("phalanx");
    try (var paths = Files.walk(source)) {
      for (Path p : (Iterable<Path>) paths::iterator) {
        Path t = target.resolve(source.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t);
        }
      }
    }
    return target;
  }
}

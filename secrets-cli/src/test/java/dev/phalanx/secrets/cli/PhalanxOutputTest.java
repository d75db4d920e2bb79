package dev.phalanx.secrets.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Phalanx's stdout and exit codes (issue 12), on the example tree and a file store. */
@DisplayName("Phalanx's output and exit codes")
class PhalanxOutputTest {

  private static String config() {
    return Cli.examples().resolve("phalanx").toString();
  }

  private static Path statics(Path dir, String text) throws Exception {
    Path file = dir.resolve("statics.yaml");
    Files.writeString(file, text);
    return file;
  }

  private static String staticsText(String dex, boolean pullSecret) {
    return "applications:\n"
        + "  argocd:\n"
        + "    dex.clientSecret:\n"
        + "      value: "
        + dex
        + "\n"
        + "  gafaelfawr:\n"
        + "    cilogon-client-secret:\n"
        + "      value: cilogon\n"
        + "  mobu:\n"
        + "    app-alert-webhook:\n"
        + "      value: https://hooks.slack.invalid/x\n"
        + "  nublado:\n"
        + "    hub-db-password:\n"
        + "      value: hub\n"
        + "oidc-clients:\n"
        + "  example-client:\n"
        + "    id: cid\n"
        + "    secret: csecret\n"
        + "    return_uri: https://example.local/callback\n"
        + (pullSecret
            ? "pull-secret:\n  registries:\n    ghcr.io:\n      username: u\n      password: p\n"
            : "");
  }

  @Nested
  @DisplayName("sync")
  class Sync {

    @Test
    @DisplayName("prints Created/Updated/Deleted lines, nothing when nothing changed")
    void lines(@TempDir Path dir) throws Exception {
      String store = "file:" + dir.resolve("store.json");
      Path first = statics(dir, staticsText("dex-one", true));
      Cli sync =
          Cli.run(
              "sync", "example", "-c", config(), "--secrets", first.toString(), "--store", store);
      assertThat(sync.status()).as(sync.err()).isZero();
      assertThat(sync.out())
          .isEqualTo(
              "Created Vault secret for argocd\n"
                  + "Created Vault secret for gafaelfawr\n"
                  + "Created Vault secret for ingress-tls\n"
                  + "Created Vault secret for mobu\n"
                  + "Created Vault secret for nublado\n"
                  + "Created Vault secret for postgres\n"
                  + "Created Vault secret for pull-secret\n");

      Cli again =
          Cli.run(
              "sync", "example", "-c", config(), "--secrets", first.toString(), "--store", store);
      assertThat(again.status()).isZero();
      assertThat(again.out()).isEmpty();

      Path second = statics(dir, staticsText("dex-two", false));
      Cli changed =
          Cli.run(
              "sync",
              "example",
              "-c",
              config(),
              "--secrets",
              second.toString(),
              "--store",
              store,
              "--delete");
      assertThat(changed.status()).as(changed.err()).isZero();
      // A source that provides no pull secret never deletes the stored one, even with --delete
      // (issue 11 item 1: deliberately unlike Phalanx); it is kept with a warning on stderr.
      assertThat(changed.out()).isEqualTo("Updated Vault secret for argocd dex.clientSecret\n");
      assertThat(changed.err()).contains("pull-secret");
    }

    @Test
    @DisplayName("--verbose keeps the per-application summary and the target line")
    void verbose(@TempDir Path dir) throws Exception {
      String store = "file:" + dir.resolve("store.json");
      Path file = statics(dir, staticsText("dex", true));
      Cli sync =
          Cli.run(
              "sync",
              "example",
              "-c",
              config(),
              "--secrets",
              file.toString(),
              "--store",
              store,
              "--verbose");
      assertThat(sync.out()).contains("created argocd (").contains("Synced 7 applications");
      Cli json =
          Cli.run(
              "sync",
              "example",
              "-c",
              config(),
              "--secrets",
              file.toString(),
              "--store",
              store,
              "--format",
              "json");
      assertThat(json.out())
          .startsWith("{")
          .contains("\"command\" : \"sync\"")
          .contains("\"operations\"");
    }
  }

  @Nested
  @DisplayName("audit")
  class Audit {

    @Test
    @DisplayName("reports the pull secret as '• pull-secret', exit 1")
    void pullSecret(@TempDir Path dir) throws Exception {
      String store = "file:" + dir.resolve("store.json");
      Path without = statics(dir, staticsText("dex", false));
      assertThat(
              Cli.run(
                      "sync",
                      "example",
                      "-c",
                      config(),
                      "--secrets",
                      without.toString(),
                      "--store",
                      store)
                  .status())
          .isZero();
      Path with = statics(dir, staticsText("dex", true));
      Cli audit =
          Cli.run(
              "audit", "example", "-c", config(), "--secrets", with.toString(), "--store", store);
      assertThat(audit.status()).isEqualTo(1);
      assertThat(audit.out()).isEqualTo("Missing secrets:\n\u2022 pull-secret\n");
    }

    @Test
    @DisplayName("unresolvable secrets: only 'Unresolved secrets:' and app/key on stdout, exit 1")
    void unresolved(@TempDir Path dir) throws Exception {
      String store = "file:" + dir.resolve("store.json");
      Path file = statics(dir, staticsText("null", true));
      Cli audit =
          Cli.run(
              "audit", "example", "-c", config(), "--secrets", file.toString(), "--store", store);
      assertThat(audit.status()).isEqualTo(1);
      assertThat(audit.out()).isEqualTo("Unresolved secrets:\n\u2022 argocd/dex.clientSecret\n");
      assertThat(audit.err()).contains("secrets.yaml:").contains("argocd/dex.clientSecret");

      Cli sync =
          Cli.run(
              "sync", "example", "-c", config(), "--secrets", file.toString(), "--store", store);
      assertThat(sync.status()).isEqualTo(2);
      assertThat(sync.out()).isEmpty();
    }
  }

  @Nested
  @DisplayName("the command line")
  class CommandLine {

    @Test
    @DisplayName("Phalanx's spelling 'secrets list ENV', -c and options before the argument")
    void phalanxSpelling() {
      Cli ours = Cli.run("list", "minimal", "--config", config());
      Cli phalanx = Cli.run("secrets", "list", "-c", config(), "minimal");
      assertThat(phalanx.status()).as(phalanx.err()).isZero();
      assertThat(phalanx.out()).isEqualTo(ours.out()).isNotEmpty();
      Cli template = Cli.run("secrets", "static-template", "minimal", "-c", config());
      assertThat(template.status()).isZero();
      assertThat(template.out()).startsWith("applications:\n");
    }

    @Test
    @DisplayName("-e is --exclude")
    void exclude(@TempDir Path dir) throws Exception {
      String store = "file:" + dir.resolve("store.json");
      Path file = statics(dir, staticsText("dex", true));
      Cli sync =
          Cli.run(
              "secrets",
              "sync",
              "-e",
              "mobu",
              "-c",
              config(),
              "--secrets",
              file.toString(),
              "--store",
              store,
              "example");
      assertThat(sync.status()).as(sync.err()).isZero();
      assertThat(sync.out()).doesNotContain("mobu").contains("argocd");
    }
  }

  @Nested
  @DisplayName("exit codes")
  class ExitStatus {

    @Test
    @DisplayName("every error is 2: unknown environment, unknown store or source type, bad URL")
    void errors(@TempDir Path dir) throws Exception {
      Path file = statics(dir, staticsText("dex", true));
      String store = "file:" + dir.resolve("store.json");
      assertThat(Cli.run("list", "nosuch", "-c", config()).status()).isEqualTo(2);
      assertThat(
              Cli.run(
                      "audit",
                      "nosuch",
                      "-c",
                      config(),
                      "--secrets",
                      file.toString(),
                      "--store",
                      store)
                  .status())
          .isEqualTo(2);
      assertThat(
              Cli.run(
                      "audit",
                      "example",
                      "-c",
                      config(),
                      "--secrets",
                      file.toString(),
                      "--store",
                      "s3:x")
                  .status())
          .isEqualTo(2);
      assertThat(
              Cli.run("audit", "example", "-c", config(), "--source", "bogus:x", "--store", store)
                  .status())
          .isEqualTo(2);
      assertThat(
              Cli.run(
                      "audit",
                      "example",
                      "-c",
                      config(),
                      "--source",
                      "file:" + file,
                      "--source-option",
                      "nosuch=1",
                      "--store",
                      store)
                  .status())
          .isEqualTo(2);
      assertThat(
              Cli.run(
                      "audit",
                      "example",
                      "-c",
                      config(),
                      "--secrets",
                      file.toString(),
                      "--vault-url",
                      "not a url")
                  .status())
          .isEqualTo(2);
      assertThat(
              Cli.run(
                      "audit",
                      "example",
                      "-c",
                      config(),
                      "--secrets",
                      file.toString(),
                      "--store",
                      store,
                      "--vault-url",
                      "http://127.0.0.1:1")
                  .status())
          .isEqualTo(2);
      assertThat(Cli.run("audit", "example", "-c", config(), "--bogus").status()).isEqualTo(2);
    }
  }
}

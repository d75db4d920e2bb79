package dev.phalanx.secrets.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

@DisplayName("Operator conventions of the command line")
class OperatorConventionsTest {

  private static List<CommandLine> commands() {
    return ManPages.all(Main.commandLine());
  }

  private static String usage(CommandLine cli, int width) {
    cli.setUsageHelpWidth(width);
    cli.setUsageHelpAutoWidth(false);
    StringWriter text = new StringWriter();
    cli.usage(new PrintWriter(text), CommandLine.Help.Ansi.OFF);
    return text.toString();
  }

  @Nested
  @DisplayName("help [COMMAND]")
  class Help {

    @Test
    @DisplayName("help COMMAND prints what COMMAND --help prints")
    void sameAsHelpOption() {
      Cli help = Cli.run("help", "sync");
      assertThat(help.status()).isZero();
      assertThat(help.out())
          .startsWith("Usage: phalanx-secrets sync ")
          .isEqualTo(Cli.run("sync", "--help").out());
    }

    @Test
    @DisplayName("help reaches nested commands")
    void nested() {
      Cli help = Cli.run("help", "vault", "create-write-token");
      assertThat(help.status()).isZero();
      assertThat(help.out()).startsWith("Usage: phalanx-secrets vault create-write-token ");
    }

    @Test
    @DisplayName("help without a command is the tool's help, listing help and completion")
    void root() {
      Cli help = Cli.run("help");
      assertThat(help.status()).isZero();
      assertThat(help.out()).contains("  help ", "  completion ", "  sync ");
    }

    @Test
    @DisplayName("help of an unknown command is a usage error with a suggestion")
    void unknown() {
      Cli help = Cli.run("help", "snyc");
      assertThat(help.status()).isEqualTo(ExitCodes.USAGE);
      assertThat(help.err()).contains("unknown command 'snyc'", "did you mean `sync`?");
    }
  }

  @Nested
  @DisplayName("did you mean")
  class DidYouMean {

    @ParameterizedTest
    @ValueSource(strings = {"snyc", "sycn", "sybc", "syn"})
    @DisplayName("a mistyped command gets the nearest one suggested")
    void command(String typo) {
      Cli cli = Cli.run(typo, "example");
      assertThat(cli.status()).isEqualTo(ExitCodes.USAGE);
      assertThat(cli.err()).contains("Did you mean `sync`?");
    }

    @Test
    @DisplayName("a mistyped subcommand and option too; nonsense gets no suggestion")
    void others() {
      assertThat(Cli.run("vault", "audti").err()).contains("Did you mean `audit`?");
      assertThat(Cli.run("sync", "example", "--dyr-run").err())
          .contains("Did you mean `--dry-run`?");
      assertThat(Cli.run("qwertyuiop").err()).doesNotContain("Did you mean");
    }

    @Test
    @DisplayName("the distance counts a swap of two letters once")
    void distance() {
      assertThat(Suggestions.distance("snyc", "sync")).isEqualTo(1);
      assertThat(Suggestions.distance("plan", "list")).isEqualTo(4);
      assertThat(Suggestions.closest("exprot", List.of("export", "explain"))).isEqualTo("export");
    }
  }

  @Nested
  @DisplayName("completion")
  class Completion {

    @Test
    @DisplayName("bash: a completion function knowing every command and option")
    void bash() {
      Cli cli = Cli.run("completion", "bash");
      assertThat(cli.status()).isZero();
      assertThat(cli.out())
          .contains("complete -F", "phalanx-secrets")
          .contains("sync", "audit", "create-write-token", "--dry-run", "--as-secret");
    }

    @Test
    @DisplayName("zsh: a #compdef script")
    void zsh() {
      Cli cli = Cli.run("completion", "zsh");
      assertThat(cli.status()).isZero();
      assertThat(cli.out()).startsWith("#compdef phalanx-secrets\n").contains("bashcompinit");
    }

    @Test
    @DisplayName("another shell is a usage error")
    void fish() {
      Cli cli = Cli.run("completion", "fish");
      assertThat(cli.status()).isEqualTo(ExitCodes.USAGE);
      assertThat(cli.err()).contains("fish");
    }
  }

  @Nested
  @DisplayName("help text layout")
  class Layout {

    @ParameterizedTest
    @ValueSource(ints = {55, 80, 100, 160})
    @DisplayName("no help line is wider than the width, for every command")
    void wraps(int width) {
      for (CommandLine cli : commands()) {
        String text = usage(cli, width);
        assertThat(text.lines())
            .as(cli.getCommandSpec().qualifiedName() + " at width " + width)
            .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(width));
      }
    }

    @Test
    @DisplayName("footers are paragraphs: at a wide width a paragraph is one line")
    void footerParagraphs() {
      String text = usage(Main.commandLine().getSubcommands().get("sync"), 250);
      assertThat(text)
          .containsPattern(
              "\nCreates missing secrets, updates changed ones, [^\n]*writes nothing\\.\n");
    }

    @Test
    @DisplayName("reflow joins lines but keeps blank lines, indented lines and list items")
    void reflow() {
      String[] in = {"", "One two", "three.", "", "  indented", "- item", "continued", "Last"};
      assertThat(HelpLayout.reflow(in))
          .containsExactly("", "One two three.", "", "  indented", "- item continued Last");
    }

    @Test
    @DisplayName("every usage line shows every option")
    void synopsisShowsEveryOption() {
      for (CommandLine cli : commands()) {
        String synopsis = cli.getHelp().synopsis(0).replaceAll("\\s+", " ");
        for (OptionSpec option : cli.getCommandSpec().options()) {
          if (option.hidden()) {
            continue;
          }
          String shortest =
              Arrays.stream(option.names()).min((a, b) -> a.length() - b.length()).orElseThrow();
          if (shortest.length() == 2 && option.arity().max() == 0) {
            // flags with a short name are clustered, e.g. [-hqV]
            assertThat(synopsis).containsPattern("\\[-[a-zA-Z]*" + shortest.charAt(1));
            continue;
          }
          // picocli shows an option by its shortest name
          assertThat(synopsis).as(cli.getCommandSpec().qualifiedName()).contains(shortest);
        }
      }
      String writeToken =
          usage(
              Main.commandLine()
                  .getSubcommands()
                  .get("vault")
                  .getSubcommands()
                  .get("create-write-token"),
              80);
      assertThat(writeToken.substring(0, writeToken.indexOf(" ENV\n")))
          .contains("--as-secret=NAME", "--lifetime=DURATION");
    }

    @Test
    @DisplayName("an Environment section lists the variables the tool reads")
    void environment() {
      for (String command : List.of("--help", "sync --help", "vault audit --help")) {
        Cli cli = Cli.run(command.split(" "));
        assertThat(cli.out())
            .as(command)
            .contains(
                "\nEnvironment:\n",
                "VAULT_TOKEN",
                "VAULT_CACERT",
                "OP_CONNECT_TOKEN",
                "PHALANX_SECRETS_JAVA_OPTS",
                "PHALANX_SECRETS_CLASSPATH");
      }
    }
  }

  @Nested
  @DisplayName("--quiet, --debug, --trace")
  class Verbosity {

    @Test
    @DisplayName("--quiet drops progress, notes and warnings but keeps errors")
    void quietWriter() {
      StringWriter target = new StringWriter();
      try (PrintWriter err = new PrintWriter(new QuietWriter(new PrintWriter(target)), true)) {
        err.println("[1/2] argocd");
        err.println("warning: something");
        err.println("error: it broke");
        err.println("  at line 3");
        err.println("created write token x");
        err.println("Try 'phalanx-secrets --help' for usage.");
      }
      assertThat(target.toString())
          .isEqualTo("error: it broke\n  at line 3\nTry 'phalanx-secrets --help' for usage.\n");
    }

    @Test
    @DisplayName("--quiet on a command: the error still shows")
    void quietCommand() {
      Cli cli = Cli.run("--quiet", "snyc");
      assertThat(cli.status()).isEqualTo(ExitCodes.USAGE);
      assertThat(cli.err()).startsWith("error: ").contains("Did you mean `sync`?");
    }

    @Test
    @DisplayName("--trace and --quiet are options of every command")
    void inherited() {
      for (CommandLine cli : commands()) {
        if (cli.getCommandName().equals("help")) {
          continue;
        }
        assertThat(cli.getCommandSpec().findOption("--trace")).as(cli.getCommandName()).isNotNull();
        assertThat(cli.getCommandSpec().findOption("--quiet")).as(cli.getCommandName()).isNotNull();
        assertThat(cli.getCommandSpec().findOption("--debug")).as(cli.getCommandName()).isNotNull();
      }
    }
  }

  @Nested
  @DisplayName("--version")
  class Version {

    @Test
    @DisplayName("prints the release, the commit and the Java runtime")
    void version() {
      Cli cli = Cli.run("--version");
      assertThat(cli.status()).isZero();
      List<String> lines = cli.out().lines().toList();
      assertThat(lines).hasSize(3);
      assertThat(lines.get(0)).matches("phalanx-secrets \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
      assertThat(lines.get(1)).matches("commit ([0-9a-f]{40}( \\(modified\\))?|unknown .*)");
      assertThat(lines.get(2)).startsWith("Java " + System.getProperty("java.runtime.version"));
    }

    @Test
    @DisplayName("the build records the commit of a git checkout")
    void buildInfoWithGit(@TempDir Path dir) throws Exception {
      assumeTrue(run(dir, "git", "init", "-q") == 0, "git is not installed");
      Files.writeString(dir.resolve("f"), "x");
      run(dir, "git", "add", "f");
      assertThat(run(dir, "git", "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-qm", "m"))
          .isZero();
      Path out = dir.resolve("out/build-info.properties");
      BuildInfo.main(new String[] {out.toString(), "1.2.3", dir.toString()});
      Properties p = load(out);
      assertThat(p.getProperty("version")).isEqualTo("1.2.3");
      assertThat(p.getProperty("commit")).matches("[0-9a-f]{40}");
      Files.writeString(dir.resolve("f"), "changed");
      BuildInfo.main(new String[] {out.toString(), "1.2.3", dir.toString()});
      assertThat(load(out).getProperty("commit")).endsWith(" (modified)");
    }

    @Test
    @DisplayName("without a git checkout the build still succeeds, with no commit")
    void buildInfoWithoutGit(@TempDir Path dir) throws Exception {
      Path out = dir.resolve("build-info.properties");
      Path source = Files.createDirectories(dir.resolve("not-a-checkout"));
      Files.writeString(source.resolve(".git"), "gitdir: /nonexistent");
      BuildInfo.main(new String[] {out.toString(), "1.2.3", source.toString()});
      assertThat(load(out).getProperty("commit")).isEmpty();
    }

    private static Properties load(Path file) throws IOException {
      Properties p = new Properties();
      try (var in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        p.load(in);
      }
      return p;
    }

    private static int run(Path dir, String... command) throws Exception {
      try {
        Process p =
            new ProcessBuilder(command)
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
      } catch (IOException e) {
        return -1;
      }
    }
  }

  @Nested
  @DisplayName("man pages")
  class Man {

    @Test
    @DisplayName("one page per command, with synopsis, every option, environment and exit status")
    void pages(@TempDir Path dir) throws IOException {
      ManPages.main(new String[] {dir.toString()});
      List<Path> pages;
      try (Stream<Path> files = Files.list(dir.resolve("man/man1"))) {
        pages = files.sorted().toList();
      }
      assertThat(pages)
          .extracting(p -> p.getFileName().toString())
          .contains(
              "phalanx-secrets.1",
              "phalanx-secrets-sync.1",
              "phalanx-secrets-vault.1",
              "phalanx-secrets-vault-create-write-token.1",
              "phalanx-secrets-completion.1");
      for (CommandLine cli : commands()) {
        Path page = dir.resolve("man/man1/" + ManPages.pageName(cli.getCommandSpec()) + ".1");
        String text = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(text)
            .startsWith(".TH ")
            .contains(".SH NAME\n", ".SH SYNOPSIS\n", ".SH ENVIRONMENT\n", ".SH EXIT STATUS\n");
        for (OptionSpec option : cli.getCommandSpec().options()) {
          assertThat(text).contains(ManPages.escape(option.longestName()));
        }
      }
      assertThat(dir.resolve("completion/phalanx-secrets.bash")).content().contains("complete -F");
      assertThat(dir.resolve("completion/_phalanx-secrets")).content().startsWith("#compdef");
    }

    @Test
    @DisplayName("troff control characters in text are escaped")
    void escape() {
      assertThat(ManPages.escape(".hidden")).isEqualTo("\\&.hidden");
      assertThat(ManPages.escape("a\\b --x")).isEqualTo("a\\eb \\-\\-x");
    }
  }
}

package dev.phalanx.secrets.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * The shared shape of every command's help: footers reflowed into paragraphs (so they wrap at the
 * terminal's width, whatever it is), full synopses listing every option, and an ENVIRONMENT section
 * naming the variables the tool reads.
 */
final class HelpLayout {

  /** Section key of the environment section in picocli's help section map. */
  static final String SECTION_ENVIRONMENT = "environment";

  /** The environment variables the tool reads, with what they do (README, man page, help). */
  static final Map<String, String> ENVIRONMENT = environment();

  private HelpLayout() {}

  private static Map<String, String> environment() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(
        "VAULT_TOKEN",
        "Vault token for the vault: store and the vault commands (else ~/.vault-token).");
    m.put("VAULT_ROLE_ID", "AppRole role ID, with the store option auth=approle.");
    m.put("VAULT_SECRET_ID", "AppRole secret ID, with the store option auth=approle.");
    m.put(
        "VAULT_CACERT",
        "PEM file of the CA that signed the Vault server's certificate (store option ca-cert).");
    m.put(
        "OP_CONNECT_TOKEN",
        "1Password Connect token, for environments whose static secrets are in 1Password.");
    m.put(
        "PHALANX_SECRETS_JAVA_OPTS",
        "Extra JVM options for the launcher (e.g. -Xmx512m, -Djavax.net.ssl.trustStore=...).");
    m.put(
        "PHALANX_SECRETS_CDS",
        "off: the launcher runs without its class-data sharing archive (a faster start, kept in"
            + " ~/.cache/phalanx-secrets/cds).");
    m.put(
        "PHALANX_SECRETS_CLASSPATH",
        "Extra jars (third-party stores and sources) for the launcher, besides its plugins/"
            + " directory; separated by ':'.");
    m.put("JAVA_HOME", "The JDK (17 or newer) the launcher runs.");
    m.put(
        "VAULT_ADDR",
        "Ignored on purpose: the Vault URL is the environment's vaultUrl, or --vault-url.");
    return m;
  }

  /** Applies the layout to a command and all its subcommands. */
  static void apply(CommandLine cli) {
    UsageMessageSpec usage = cli.getCommandSpec().usageMessage();
    usage.footer(reflow(usage.footer()));
    usage.abbreviateSynopsis(false);
    Map<String, CommandLine.IHelpSectionRenderer> sections = cli.getHelpSectionMap();
    sections.put(SECTION_ENVIRONMENT, HelpLayout::renderEnvironment);
    List<String> keys = new ArrayList<>(cli.getHelpSectionKeys());
    if (!keys.contains(SECTION_ENVIRONMENT)) {
      int footerHeading = keys.indexOf(UsageMessageSpec.SECTION_KEY_FOOTER_HEADING);
      keys.add(footerHeading < 0 ? keys.size() : footerHeading, SECTION_ENVIRONMENT);
      cli.setHelpSectionKeys(keys);
    }
    for (CommandLine sub : cli.getSubcommands().values()) {
      apply(sub);
    }
  }

  private static String renderEnvironment(Help help) {
    int width = help.commandSpec().usageMessage().width();
    int keyWidth = ENVIRONMENT.keySet().stream().mapToInt(String::length).max().orElse(0);
    Help.TextTable table =
        Help.TextTable.forColumns(
            help.colorScheme(),
            new Help.Column(keyWidth + 4, 2, Help.Column.Overflow.SPAN),
            new Help.Column(Math.max(20, width - keyWidth - 4), 1, Help.Column.Overflow.WRAP));
    ENVIRONMENT.forEach(table::addRowValues);
    return "%nEnvironment:%n".formatted() + table;
  }

  /**
   * Joins consecutive lines of text into one line per paragraph, so that picocli wraps them at the
   * help width; blank lines, and lines that are indented or start a list item, keep their breaks.
   */
  static String[] reflow(String[] lines) {
    List<String> out = new ArrayList<>();
    StringBuilder paragraph = null;
    for (String line : lines) {
      boolean structural =
          line.isBlank() || line.startsWith(" ") || line.startsWith("-") || line.startsWith("*");
      if (structural || paragraph == null) {
        if (paragraph != null) {
          out.add(paragraph.toString());
        }
        if (line.isBlank()) {
          out.add(line);
          paragraph = null;
        } else {
          paragraph = new StringBuilder(line);
        }
      } else {
        paragraph.append(' ').append(line.strip());
      }
    }
    if (paragraph != null) {
      out.add(paragraph.toString());
    }
    return out.toArray(String[]::new);
  }
}

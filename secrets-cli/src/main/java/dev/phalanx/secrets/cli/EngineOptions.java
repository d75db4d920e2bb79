package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.engine.SyncOptions;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.providers.Providers;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options shared by the commands that read or change a store. */
final class EngineOptions {

  @Mixin ConfigOptions config;

  @Option(
      names = "--secrets",
      paramLabel = "FILE",
      description = "Static secrets from this YAML file (the layout static-template writes).")
  @Nullable Path secrets;

  @Option(
      names = "--source",
      paramLabel = "URI",
      description =
          "Static secrets from this source, e.g. onepassword: or a third-party TYPE:LOCATION."
              + " Default: 1Password when the environment configures it, else none (static values"
              + " already in the store are trusted).")
  @Nullable String source;

  @Option(
      names = "--onepassword-layout",
      paramLabel = "LAYOUT",
      description =
          "1Password layout: environment (one vault per environment, the default) or legacy (the"
              + " shared RSP-Vault with generate_secrets_key fields).")
  @Nullable String onePasswordLayout;

  @Option(
      names = "--prompt",
      description = "Ask at the terminal (no echo) for static secrets that have no value anywhere.")
  boolean prompt;

  @Option(
      names = "--store",
      paramLabel = "URI",
      description =
          "Where secrets live: file:PATH, vault:, ... (default: the environment's Vault).")
  @Nullable String store;

  @Option(
      names = "--vault-url",
      paramLabel = "URL",
      description = "Use this Vault server instead of the environment's vaultUrl.")
  @Nullable String vaultUrl;

  @Option(
      names = {"-e", "--exclude"},
      paramLabel = "APP",
      description = "Leave this application alone (repeatable).")
  List<String> exclude = new ArrayList<>();

  @Nullable String sourceUri(PhalanxEnvironment environment, Providers providers) {
    if (secrets != null && source != null) {
      throw new UsageException("give either --secrets or --source, not both");
    }
    if (secrets != null) {
      return "file:" + secrets;
    }
    if (source != null) {
      return source;
    }
    if (environment.settings().onePassword().isPresent()
        && providers.sources().find("onepassword").isPresent()) {
      return "onepassword:";
    }
    return null;
  }

  @Option(
      names = "--source-option",
      paramLabel = "KEY=VALUE",
      description =
          "An option of the static source (repeatable), e.g. missing=warn or request-timeout=10s"
              + " for 1Password.")
  Map<String, String> sourceOption = new LinkedHashMap<>();

  Map<String, String> sourceOptions(String uri) {
    return SourceOptions.of(uri, onePasswordLayout, sourceOption);
  }

  Map<String, String> storeOptions() {
    Map<String, String> options = new HashMap<>();
    if (vaultUrl != null) {
      options.put("vault-url", vaultUrl);
    }
    return options;
  }

  /**
   * A warning for each {@code --exclude} naming an application the environment does not enable
   * (probably a typo; the store's application of that name is still left alone).
   */
  List<String> excludeWarnings(PhalanxEnvironment environment) {
    List<String> warnings = new ArrayList<>();
    for (String app : new TreeSet<>(exclude)) {
      if (!environment.applications().contains(app) && !app.equals("pull-secret")) {
        warnings.add(
            "--exclude "
                + app
                + ": environment "
                + environment.name()
                + " does not enable an application of that name (the store's is still left"
                + " alone)");
      }
    }
    return warnings;
  }

  SyncOptions syncOptions() {
    return SyncOptions.defaults().withExclude(exclude);
  }

  static SecretRef parseRef(String text) {
    int slash = text.indexOf('/');
    if (slash <= 0 || slash == text.length() - 1) {
      throw new UsageException("expected APP/KEY, got '" + text + "'");
    }
    return new SecretRef(text.substring(0, slash), text.substring(slash + 1));
  }
}

package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.PhalanxSecretsException;
import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.report.JsonReports;
import dev.phalanx.secrets.spi.SecretStore;
import dev.phalanx.secrets.spi.StaticSecrets;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.support.ExportFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code export ENV DIR}: one JSON file per application, in the format of {@code vault
 * export-secrets} ({@link ExportFiles}), each written atomically and created 0600 in a directory
 * created 0700. Reading the store needs no static source: one is consulted only when given
 * explicitly (for a store's credentials, such as a Vault write token).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write the store's secrets of an environment as one JSON file per application.",
    footer = {
      "",
      "Files are created 0600 (directory 0700). They hold secrets: handle them accordingly."
    })
final class ExportCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ENV", description = "The environment.")
  String environment;

  @Parameters(index = "1", paramLabel = "DIR", description = "Directory to write to.")
  Path directory;

  @Mixin EngineOptions engine;

  @Mixin FormatOption output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    PrintWriter err = spec.commandLine().getErr();
    Providers providers = Providers.load();
    for (String d : providers.diagnostics()) {
      err.println("warning: " + d);
    }
    PhalanxEnvironment env = engine.config.open(providers).environment(environment);
    StaticSecrets statics = null;
    if (engine.secrets != null || engine.source != null) {
      String uri = engine.sourceUri(env, providers);
      statics = Workspace.fetchStatics(providers, env, uri, engine.sourceOptions(uri), err);
    }
    Set<String> excluded = engine.syncOptions().exclude();
    Map<String, Map<String, SecretValue>> apps = new TreeMap<>();
    try (SecretStore store = Workspace.openStore(providers, env, engine, statics)) {
      Map<String, StoredApplication> stored =
          SecretsEngine.builder().generators(providers).build().read(env, store);
      for (StoredApplication app : stored.values()) {
        if (app.isPresent() && !excluded.contains(app.application())) {
          apps.put(app.application(), app.data());
        }
      }
      if (apps.isEmpty()) {
        throw new PhalanxSecretsException(
            "the store ("
                + store.describe()
                + ") holds no secrets of environment "
                + environment
                + "; nothing exported");
      }
    }
    Path dir = directory.toAbsolutePath().normalize();
    List<Path> written;
    try {
      written = ExportFiles.writeAll(dir, apps);
    } catch (IllegalArgumentException e) {
      throw new PhalanxSecretsException(e.getMessage());
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      List<String> warnings = new ArrayList<>(providers.diagnostics());
      if (statics != null) {
        warnings.addAll(statics.warnings());
      }
      out.println(
          JsonReports.export(
              environment, directory.toString(), List.copyOf(apps.keySet()), warnings));
    } else {
      out.println("Exported " + written.size() + " applications to " + directory + ".");
    }
    out.flush();
    return ExitCodes.OK;
  }
}

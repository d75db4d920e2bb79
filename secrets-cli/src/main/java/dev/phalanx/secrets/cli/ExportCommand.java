package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.report.JsonReports;
import dev.phalanx.secrets.spi.StoredApplication;
import dev.phalanx.secrets.support.PythonJson;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code export ENV DIR}: one JSON file per application, each created 0600. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = "Write the store's secrets of an environment as one JSON file per application.",
    footer = {"", "Files are created 0600. They hold secrets: handle them accordingly."})
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
    try (Workspace ws = Workspace.open(environment, engine, err)) {
      Map<String, StoredApplication> stored = ws.engine.read(ws.environment, ws.store);
      Files.createDirectories(directory);
      List<String> exported = new ArrayList<>();
      List<String> warnings = new ArrayList<>(ws.warnings());
      for (StoredApplication app : stored.values()) {
        if (!app.isPresent() || ws.options.exclude().contains(app.application())) {
          continue;
        }
        Path target = directory.resolve(app.application() + ".json").normalize();
        if (!directory.normalize().equals(target.getParent())) {
          String warning = "skipped application with unsafe name '" + app.application() + "'";
          err.println("warning: " + warning);
          warnings.add(warning);
          continue;
        }
        Map<String, Object> data = new LinkedHashMap<>(app.data());
        Files0600.write(target, PythonJson.dumps(data) + "\n");
        exported.add(app.application());
      }
      PrintWriter out = spec.commandLine().getOut();
      if (output.json()) {
        out.println(JsonReports.export(environment, directory.toString(), exported, warnings));
      } else {
        out.println("Exported " + exported.size() + " applications to " + directory + ".");
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}

package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.engine.AuditReport;
import dev.phalanx.secrets.report.JsonReports;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code audit ENV}: how the store differs from what the environment requires. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Report missing, mismatched and unknown secrets; exit 1 when there are any.",
    footer = {
      "",
      "Never writes. The text report is Phalanx's; JSON adds the reason for each entry."
    })
final class AuditCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ENV", description = "The environment.")
  String environment;

  @Mixin EngineOptions engine;

  @Mixin FormatOption output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (Workspace ws = Workspace.open(environment, engine, err)) {
      AuditReport report = ws.engine.audit(ws.environment, ws.statics, ws.store, ws.options);
      report.warnings().forEach(w -> err.println("warning: " + w));
      if (output.json()) {
        out.println(JsonReports.audit(environment, report, ws.warnings()));
      } else {
        out.print(report.toText());
        for (Problem p : report.problems()) {
          err.println("unresolved: " + p);
        }
      }
      out.flush();
      return report.isClean() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }
}

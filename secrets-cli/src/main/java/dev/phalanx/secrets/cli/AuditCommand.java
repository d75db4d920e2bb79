package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.MissingStaticSecretsException;
import dev.phalanx.secrets.Problem;
import dev.phalanx.secrets.engine.AuditReport;
import dev.phalanx.secrets.report.JsonReports;
import java.io.PrintWriter;
import java.util.List;
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
      "Never writes. The text report on standard output is Phalanx's, byte for byte (details of",
      "unresolvable secrets go to standard error); JSON adds the reason for each entry.",
      "Exit status: 0 in line, 1 differences found, 2 an error."
    })
final class AuditCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "ENV",
      description = "The environment (or --all).")
  String environment;

  @Mixin EngineOptions engine;

  @Mixin FleetOptions fleet;

  @Mixin FormatOption output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    fleet.check(environment);
    if (fleet.all) {
      return Fleet.audit(engine, fleet, output.json(), out, err);
    }
    Workspace opened;
    try {
      opened = Workspace.open(environment, engine, err);
    } catch (MissingStaticSecretsException e) {
      // Phalanx reports items and fields missing from 1Password as an audit finding (exit 1).
      if (output.json()) {
        out.println(JsonReports.auditMissingStatic(environment, e, List.of()));
      } else {
        out.print(PhalanxText.missingFromOnePassword(e));
        for (Problem p : e.problems()) {
          err.println("missing: " + p);
        }
      }
      out.flush();
      return ExitCodes.FAILURE;
    }
    try (Workspace ws = opened) {
      AuditReport report = ws.engine.audit(ws.environment, ws.statics, ws.store, ws.options);
      report.warnings().forEach(w -> err.println("warning: " + w));
      if (output.json()) {
        out.println(JsonReports.audit(environment, report, ws.warnings()));
      } else {
        out.print(PhalanxText.audit(report, ws.environment.secrets()));
        for (Problem p : report.problems()) {
          err.println("unresolved: " + p);
        }
      }
      out.flush();
      return report.isClean() && report.problems().isEmpty() ? ExitCodes.OK : ExitCodes.FAILURE;
    }
  }
}

package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.config.PhalanxEnvironment;
import dev.phalanx.secrets.config.SecretDecision;
import dev.phalanx.secrets.model.CopySecret;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.model.StaticSecret;
import dev.phalanx.secrets.model.ValueSecret;
import dev.phalanx.secrets.report.JsonReports;
import dev.phalanx.secrets.spi.Providers;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code explain ENV [APP[/KEY]]}: why each secret is required or skipped. */
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description =
        "Explain for each secret why it is required or skipped, its kind, and where its value"
            + " comes from.")
final class ExplainCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "ENV", description = "The environment.")
  String environment;

  @Parameters(
      index = "1",
      arity = "0..1",
      paramLabel = "APP[/KEY]",
      description = "Only this application, or this one secret.")
  String filter;

  @Mixin ConfigOptions config;

  @Mixin FormatOption output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PhalanxEnvironment env = config.open(Providers.load()).environment(environment);
    List<SecretDecision> decisions = new ArrayList<>();
    for (SecretDecision d : env.decisions()) {
      if (filter == null
          || filter.equals(d.ref().application())
          || filter.equals(d.ref().toString())) {
        decisions.add(d);
      }
    }
    if (filter != null && decisions.isEmpty()) {
      throw new UsageException(
          "no secret matches '"
              + filter
              + "' in environment "
              + environment
              + " (is the application enabled?)");
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      out.println(JsonReports.explain(environment, decisions, ExplainCommand::valueFrom));
    } else {
      for (SecretDecision d : decisions) {
        out.println(d.ref().application() + " " + d.ref().key());
        if (d.required()) {
          Secret s = d.requiredSecret().orElseThrow();
          out.println("  kind:       " + s.kind());
          out.println("  why:        " + d.reason());
          out.println("  value from: " + valueFrom(s));
        } else {
          out.println("  why:        " + d.reason());
        }
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  static String valueFrom(Secret secret) {
    if (secret instanceof ValueSecret) {
      return "the literal value in the spec";
    }
    if (secret instanceof CopySecret copy) {
      return "a copy of " + copy.from();
    }
    if (secret instanceof GeneratedSecret g) {
      String source = g.rule().source();
      return "generated ("
          + g.type()
          + (source == null ? "" : " from " + source)
          + "); kept once stored, unless regenerated or stale";
    }
    StaticSecret s = (StaticSecret) secret;
    return "the static source (1Password, --secrets FILE or --prompt)"
        + (s.onepasswordEncoded() ? ", base64-encoded in 1Password" : "")
        + "; else the value already in the store";
  }
}

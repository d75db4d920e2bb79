package dev.phalanx.secrets.cli;

import dev.phalanx.secrets.SecretRef;
import dev.phalanx.secrets.engine.Resolution;
import dev.phalanx.secrets.engine.SecretsEngine;
import dev.phalanx.secrets.model.PhalanxEnvironment;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.model.SecretDecision;
import dev.phalanx.secrets.providers.Providers;
import dev.phalanx.secrets.report.JsonReports;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Function;
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

  @Mixin EngineOptions engine;

  @Mixin FormatOption output;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    Explained explained = explain();
    PhalanxEnvironment env = explained.env;
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
      out.println(JsonReports.explain(environment, decisions, explained::valueFrom));
    } else {
      for (SecretDecision d : decisions) {
        out.println(d.ref().application() + " " + d.ref().key());
        if (d.required()) {
          Secret s = d.requiredSecret().orElseThrow();
          out.println("  kind:       " + s.kind());
          out.println("  why:        " + d.reason());
          out.println("  value from: " + explained.valueFrom(s));
        } else {
          out.println("  why:        " + d.reason());
        }
      }
    }
    out.flush();
    return ExitCodes.OK;
  }

  /**
   * The environment and where each secret's value comes from: with {@code --store} (or {@code
   * --vault-url}) from a real resolution against the store, else from the resolver's rules. Both
   * come from the engine, so the text cannot drift from what sync does.
   */
  private Explained explain() {
    if (engine.store == null && engine.vaultUrl == null) {
      Providers providers = Providers.load();
      PhalanxEnvironment env = engine.config.open(providers).environment(environment);
      SecretsEngine secrets = SecretsEngine.builder().generators(providers).build();
      return new Explained(env, s -> secrets.valueFrom(env, s.ref()));
    }
    try (Workspace ws = Workspace.open(environment, engine, spec.commandLine().getErr())) {
      Resolution resolution =
          ws.engine.resolve(
              ws.environment, ws.statics, ws.engine.read(ws.environment, ws.store), ws.options);
      Map<SecretRef, String> from = new TreeMap<>();
      resolution.resolved().forEach((ref, r) -> from.put(ref, r.reason()));
      resolution.unresolved().forEach((ref, p) -> from.put(ref, "unresolved: " + p.message()));
      return new Explained(ws.environment, s -> from.getOrDefault(s.ref(), "excluded"));
    }
  }

  private record Explained(PhalanxEnvironment env, Function<Secret, String> from) {
    String valueFrom(Secret secret) {
      return from.apply(secret);
    }
  }
}

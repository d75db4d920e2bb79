package dev.phalanx.secrets.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phalanx.secrets.engine.AuditReport;
import dev.phalanx.secrets.engine.KeyChange;
import dev.phalanx.secrets.engine.PlannedOperation;
import dev.phalanx.secrets.model.CopySecret;
import dev.phalanx.secrets.model.GeneratedSecret;
import dev.phalanx.secrets.model.Secret;
import dev.phalanx.secrets.model.SecretDecision;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The JSON nodes {@link JsonReports} assembles its reports from: the envelope, the entries of an
 * audit, the operations of a plan or sync, the rows of a list or fleet report, and configuration
 * data copied with its maps sorted. Stateless and thread-safe.
 */
final class ReportNodes {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private ReportNodes() {}

  /** The text of a report: its envelope around the result. */
  static String report(
      String command, String environment, List<String> warnings, ObjectNode result) {
    return write(envelope(command, environment, warnings, result));
  }

  private static ObjectNode envelope(
      String command, String environment, List<String> warnings, ObjectNode result) {
    ObjectNode root = NODES.objectNode();
    root.put("schemaVersion", JsonReports.SCHEMA_VERSION);
    root.put("command", command);
    root.put("environment", Objects.requireNonNull(environment, "environment"));
    ArrayNode w = root.putArray("warnings");
    warnings.forEach(w::add);
    root.set("result", result);
    return root;
  }

  /** Both lists, in order, each warning once. */
  static List<String> merge(List<String> earlier, List<String> own) {
    Set<String> all = new LinkedHashSet<>(earlier);
    all.addAll(own);
    return List.copyOf(all);
  }

  static ObjectNode syncResult(
      boolean dryRun, boolean changed, int rounds, List<PlannedOperation> ops) {
    ObjectNode result = NODES.objectNode();
    result.put("dryRun", dryRun);
    result.put("changed", changed);
    result.put("rounds", rounds);
    result.set("operations", operations(ops));
    return result;
  }

  /** The rows of an explanation, each with its kind and source when the secret is required. */
  static ArrayNode decisions(
      Collection<SecretDecision> decisions, Function<? super Secret, String> valueFrom) {
    ArrayNode rows = NODES.arrayNode();
    for (SecretDecision d : decisions) {
      ObjectNode row = rows.addObject();
      row.put("application", d.ref().application());
      row.put("key", d.ref().key());
      row.put("required", d.required());
      row.put("reason", d.reason());
      d.requiredSecret()
          .ifPresent(
              s -> {
                row.put("kind", s.kind());
                row.put("valueFrom", valueFrom.apply(s));
              });
    }
    return rows;
  }

  /** The rows of a fleet report, each with the given counts in order. */
  static ArrayNode fleetRows(List<String> columns, List<JsonReports.FleetRow> rows) {
    ArrayNode list = NODES.arrayNode();
    for (JsonReports.FleetRow r : rows) {
      ObjectNode m = list.addObject();
      m.put("environment", r.environment());
      m.put("status", r.status());
      for (String c : columns) {
        Integer n = r.counts().get(c);
        if (n == null) {
          m.putNull(c);
        } else {
          m.put(c, n.intValue());
        }
      }
      m.put(r.status().equals("error") ? "error" : "detail", r.detail());
    }
    return list;
  }

  static ArrayNode entries(List<AuditReport.Entry> entries) {
    ArrayNode list = NODES.arrayNode();
    for (AuditReport.Entry e : entries) {
      ObjectNode m = list.addObject();
      m.put("application", e.ref().application());
      m.put("key", e.ref().key());
      m.put("reason", e.reason());
    }
    return list;
  }

  static ArrayNode operations(List<PlannedOperation> ops) {
    ArrayNode list = NODES.arrayNode();
    for (PlannedOperation op : ops) {
      ObjectNode m = list.addObject();
      m.put("operation", op.kind().name().toLowerCase(Locale.ROOT));
      m.put("application", op.application());
      ArrayNode changes = m.putArray("changes");
      for (KeyChange c : op.changes()) {
        ObjectNode change = changes.addObject();
        change.put("key", c.key());
        change.put("action", c.action().name().toLowerCase(Locale.ROOT));
        change.put("reason", c.reason());
      }
    }
    return list;
  }

  static ObjectNode secret(Secret secret) {
    ObjectNode row = NODES.objectNode();
    row.put("application", secret.application());
    row.put("key", secret.key());
    row.put("kind", secret.kind());
    row.put("description", secret.description());
    if (secret instanceof CopySecret copy) {
      ObjectNode from = row.putObject("copy");
      from.put("application", copy.from().application());
      from.put("key", copy.from().key());
    }
    if (secret instanceof GeneratedSecret generated) {
      ObjectNode generate = row.putObject("generate");
      generate.put("type", generated.type());
      String source = generated.rule().source();
      if (source != null) {
        generate.put("source", source);
      }
      if (!generated.rule().options().isEmpty()) {
        generate.set("options", MAPPER.valueToTree(sortedCopy(generated.rule().options().asMap())));
      }
    }
    if (secret.spec().onePasswordEncoded()) {
      row.putObject("onepassword").put("encoded", true);
    }
    return row;
  }

  /** A copy of configuration data with every map sorted by key. */
  private static @Nullable Object sortedCopy(@Nullable Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, @Nullable Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), sortedCopy(v)));
      return sorted;
    }
    if (value instanceof Collection<?> list) {
      return list.stream().map(ReportNodes::sortedCopy).toList();
    }
    return value;
  }

  private static String write(ObjectNode root) {
    try {
      return MAPPER.writeValueAsString(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }
}

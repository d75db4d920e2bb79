package dev.phalanx.secrets.engine;

import dev.phalanx.secrets.SecretValue;
import dev.phalanx.secrets.spi.WriteCondition;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The exact store operations a sync would perform, in order, with reasons. Never contains or prints
 * a value; the values to write are held privately for {@link SecretsEngine#apply}.
 */
public final class SyncPlan {

  private final List<PlannedOperation> operations;
  private final List<List<PlannedOperation>> layers;
  private final Map<String, Map<String, SecretValue>> content;
  private final Map<String, WriteCondition> conditions;
  private final List<String> warnings;

  SyncPlan(
      List<PlannedOperation> operations,
      List<List<PlannedOperation>> layers,
      Map<String, Map<String, SecretValue>> content,
      Map<String, WriteCondition> conditions,
      List<String> warnings) {
    this.operations = List.copyOf(operations);
    this.layers = layers.stream().map(List::copyOf).toList();
    this.content = Collections.unmodifiableMap(content);
    this.conditions = Collections.unmodifiableMap(conditions);
    this.warnings = List.copyOf(warnings);
  }

  /**
   * The operations in the order sync applies them: applications whose secrets others copy first,
   * otherwise by name; deletions last.
   *
   * @return the operations
   */
  public List<PlannedOperation> operations() {
    return operations;
  }

  /**
   * Whether sync would change nothing.
   *
   * @return true when there are no operations
   */
  public boolean isEmpty() {
    return operations.isEmpty();
  }

  /**
   * Conditions that may make the plan wrong (e.g. a store path the credentials cannot list).
   *
   * @return warnings
   */
  public List<String> warnings() {
    return warnings;
  }

  /** The operations in copy-dependency layers that may be written concurrently. */
  List<List<PlannedOperation>> layers() {
    return layers;
  }

  Map<String, SecretValue> content(String application) {
    return content.getOrDefault(application, Map.of());
  }

  WriteCondition condition(String application) {
    return conditions.get(application);
  }

  /**
   * A human-readable rendering: one line per operation, one indented line per key ({@code +} added,
   * {@code ~} changed, {@code -} deleted) with the reason; "No changes." when empty.
   *
   * @return the text, ending in a newline
   */
  public String toText() {
    if (operations.isEmpty()) {
      return "No changes.\n";
    }
    StringBuilder out = new StringBuilder();
    for (PlannedOperation op : operations) {
      String verb =
          switch (op.kind()) {
            case CREATE_APPLICATION -> "create";
            case UPDATE_APPLICATION -> "update";
            case DELETE_APPLICATION -> "delete";
          };
      out.append(verb).append(" application ").append(op.application()).append('\n');
      for (KeyChange change : op.changes()) {
        char mark =
            switch (change.action()) {
              case ADD -> '+';
              case CHANGE -> '~';
              case DELETE -> '-';
            };
        out.append("  ")
            .append(mark)
            .append(' ')
            .append(change.key())
            .append(" (")
            .append(change.reason())
            .append(")\n");
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "SyncPlan[" + operations.size() + " operations]";
  }
}

package dev.phalanx.secrets.engine;

import java.util.List;
import java.util.Objects;

/**
 * One store operation of a sync: at most one per application. Never contains a value.
 *
 * @param kind what is done to the application
 * @param application the application
 * @param changes the keys set or deleted, sorted by key
 */
public record PlannedOperation(Kind kind, String application, List<KeyChange> changes) {

  /** Copies the changes. */
  public PlannedOperation {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(application, "application");
    changes = List.copyOf(changes);
  }

  /** Kinds of operation. */
  public enum Kind {
    /** Write a new application (create-only). */
    CREATE_APPLICATION,
    /** Replace an application's keys, conditional on the version read. */
    UPDATE_APPLICATION,
    /** Remove an application with all its versions ({@code --delete}). */
    DELETE_APPLICATION
  }
}

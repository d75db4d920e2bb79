package dev.phalanx.secrets.onepassword;

import dev.phalanx.secrets.SecretValue;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A full 1Password item as Connect returns it, reduced to what the layouts use. Field values are
 * {@link SecretValue}s from the moment they are parsed, so the generated {@code toString()} of
 * these records never prints one.
 *
 * @param id the item id
 * @param title the item title
 * @param sections section id to label, in item order
 * @param fields the fields, in item order
 */
record ConnectItem(String id, String title, Map<String, String> sections, List<Field> fields) {

  ConnectItem {
    sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    fields = List.copyOf(fields);
  }

  /** The fields with this label, in item order. */
  List<Field> fieldsLabelled(String label) {
    return fields.stream().filter(f -> label.equals(f.label())).toList();
  }

  /** The label of a field's section. */
  Optional<String> sectionLabel(Field field) {
    return field.sectionId() == null
        ? Optional.empty()
        : Optional.ofNullable(sections.get(field.sectionId()));
  }

  /**
   * One field.
   *
   * @param id the field id (e.g. {@code notesPlain}, {@code password}, or random)
   * @param label the label, empty when none
   * @param purpose {@code ""}, {@code USERNAME}, {@code PASSWORD} or {@code NOTES}
   * @param sectionId the id of its section, or null
   * @param value the value, or null when the field has none
   */
  record Field(
      String id,
      String label,
      String purpose,
      @Nullable String sectionId,
      @Nullable SecretValue value) {}
}

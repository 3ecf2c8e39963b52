package io.github.syntheticpatients.runtime.schema;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The two columns that make data longitudinal: the patient id ({@code entityId}) and each visit's
 * time. The one owner of the rule that they come together and name two different columns; schemas,
 * requests and the training fork's options ask it. A blank name counts as not set.
 *
 * <p>Also the owner of the optional third role, {@code endTime} ({@link #checkEndTime}): a static
 * column that closes each patient's follow-up (end of follow-up, death), so that no visit may come
 * after it. Schema inference proposes it when a static time lies at or after every visit of every
 * patient and overlaps the visit times ({@code EndOfFollowUpDetector}): a coincidence of the sample
 * then constrains nothing the data does not, and the schema file can set it to null.
 *
 * @param entityId the patient id column
 * @param time the time column
 */
public record LongitudinalRoles(String entityId, String time) {

  /** How a caller's user writes the two roles, so that a problem names the setting to fix. */
  public record Names(String entityId, String time) {
    /** The schema file's keys and the requests' fields. */
    public static final Names FIELDS = new Names("entityId", "time");

    /** The Maven properties. */
    public static final Names PROPERTIES = new Names("synthetic.entityId", "synthetic.time");

    /** The training fork's command-line options. */
    public static final Names OPTIONS = new Names("--entity-id", "--time");
  }

  public LongitudinalRoles {
    Objects.requireNonNull(entityId, "entityId");
    Objects.requireNonNull(time, "time");
  }

  /**
   * The roles when both are set, empty when neither is.
   *
   * @throws InvalidInputException if only one is set (naming the missing one), or both name the
   *     same column
   */
  public static Optional<LongitudinalRoles> bothOrNeither(
      String entityId, String time, Names names) {
    if (isBlank(entityId) && isBlank(time)) {
      return Optional.empty();
    }
    return Optional.of(check(entityId, time, names, "give both or neither"));
  }

  /**
   * The roles, both of which must be set.
   *
   * @throws InvalidInputException if one is not set (naming it), or both name the same column
   */
  public static LongitudinalRoles required(String entityId, String time, Names names) {
    return check(entityId, time, names, "name both columns");
  }

  private static LongitudinalRoles check(String entityId, String time, Names names, String fix) {
    if (isBlank(entityId) || isBlank(time)) {
      String missing = isBlank(entityId) ? names.entityId() : names.time();
      throw InvalidInputException.inParameter(
          missing,
          "Longitudinal data needs both the patient id column ("
              + names.entityId()
              + ") and the time column ("
              + names.time()
              + "); "
              + missing
              + " is not set: "
              + fix);
    }
    if (entityId.trim().equals(time.trim())) {
      throw InvalidInputException.inParameter(
          names.time(),
          "The patient id column ("
              + names.entityId()
              + ") and the time column ("
              + names.time()
              + ") are both '"
              + time.trim()
              + "'; "
              + names.time()
              + " must name the column with each visit's time");
    }
    return new LongitudinalRoles(entityId.trim(), time.trim());
  }

  /**
   * Checks the optional end-of-follow-up role against the schema's columns: it needs the patient id
   * and time roles, and must name a kept static column in the time column's unit (both plain
   * numbers, both dates or both date-times) other than the time column.
   *
   * @param columns the schema's columns
   * @param entityId the patient id column, or null
   * @param time the time column, or null
   * @param endTime the end-of-follow-up column, or null when not set (then nothing is checked)
   * @throws IllegalArgumentException naming the column and the fix when it does not qualify
   */
  public static void checkEndTime(
      List<ColumnSchema> columns, String entityId, String time, String endTime) {
    if (isBlank(endTime)) {
      return;
    }
    String problem = "\"endTime\" names column '" + endTime + "', ";
    if (isBlank(entityId) || isBlank(time)) {
      throw new IllegalArgumentException(
          problem
              + "but the schema is not longitudinal; set \"entityId\" and \"time\" too, or set"
              + " \"endTime\" to null");
    }
    if (endTime.equals(time)) {
      throw new IllegalArgumentException(
          problem + "the time column itself; name the static end-of-follow-up column or null");
    }
    ColumnSchema end = find(columns, endTime);
    ColumnSchema visit = find(columns, time);
    if (end == null || visit == null) {
      throw new IllegalArgumentException(problem + "which is not in \"columns\"");
    }
    if (end.dropped() || !end.staticAttribute()) {
      throw new IllegalArgumentException(
          problem
              + "which is "
              + (end.dropped() ? "dropped" : "not static")
              + "; the end of follow-up is one kept value per patient: mark it \"static\": true"
              + " and not dropped, or set \"endTime\" to null");
    }
    if (unit(end.kind()) == null || !unit(end.kind()).equals(unit(visit.kind()))) {
      throw new IllegalArgumentException(
          problem
              + "which is "
              + end.kind()
              + " while the time column '"
              + time
              + "' is "
              + visit.kind()
              + "; both must be numbers in the same unit, both dates or both date-times");
    }
  }

  /**
   * Whether two kinds hold times in one unit: both plain numbers, both dates (days) or both
   * date-times (seconds).
   */
  public static boolean sameUnit(ColumnKind a, ColumnKind b) {
    return unit(a) != null && unit(a).equals(unit(b));
  }

  /** What a continuous kind's numbers count: plain numbers, days or seconds; null otherwise. */
  private static String unit(ColumnKind kind) {
    return switch (kind) {
      case INTEGER, NUMERIC -> "number";
      case DATE -> "days";
      case DATETIME -> "seconds";
      default -> null;
    };
  }

  private static ColumnSchema find(List<ColumnSchema> columns, String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
  }

  private static boolean isBlank(String name) {
    return name == null || name.isBlank();
  }
}

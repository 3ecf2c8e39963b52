package io.github.syntheticpatients.runtime.schema;

import io.github.syntheticpatients.runtime.InvalidInputException;
import java.util.Objects;
import java.util.Optional;

/**
 * The two columns that make data longitudinal: the patient id ({@code entityId}) and each visit's
 * time. The one owner of the rule that they come together and name two different columns; schemas,
 * requests and the training fork's options ask it. A blank name counts as not set.
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

  private static boolean isBlank(String name) {
    return name == null || name.isBlank();
  }
}

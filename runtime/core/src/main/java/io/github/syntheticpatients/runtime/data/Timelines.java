package io.github.syntheticpatients.runtime.data;

import io.github.syntheticpatients.runtime.TimelinesView;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Longitudinal data: the visits of every patient in long format (one row per visit), grouped by
 * patient and, within a patient, ordered by time. Patient {@code p} owns rows {@code [firstRow(p),
 * firstRow(p) + visitCount(p))} of {@link #visits()}. The patient id column is not stored in the
 * table (identifiers never are); {@link #id(int)} keeps the id as read, for messages and for
 * grouping only.
 */
public final class Timelines implements TimelinesView {
  private final Table visits;
  private final int[] starts;
  private final List<String> ids;

  /**
   * @param visits the visit rows over a longitudinal schema, grouped by patient and ordered by time
   *     within one
   * @param starts {@code patients + 1} row offsets: patient {@code p} has rows {@code [starts[p],
   *     starts[p+1])}; {@code starts[0] == 0}, the last is the row count, and every patient has at
   *     least one visit
   * @param ids one id per patient, as read (or generated)
   */
  public Timelines(Table visits, int[] starts, List<String> ids) {
    this.visits = Objects.requireNonNull(visits, "visits");
    if (!visits.schema().isLongitudinal()) {
      throw new IllegalArgumentException(
          "Timelines need a longitudinal schema (entityId and time set)");
    }
    this.starts = starts.clone();
    this.ids = List.copyOf(ids);
    if (starts.length != ids.size() + 1
        || starts[0] != 0
        || starts[starts.length - 1] != visits.rowCount()) {
      throw new IllegalArgumentException(
          "Patient offsets must start at 0, end at the row count and have one entry per patient plus one");
    }
    for (int p = 0; p < ids.size(); p++) {
      if (starts[p + 1] <= starts[p]) {
        throw new IllegalArgumentException("Patient " + ids.get(p) + " has no visits");
      }
    }
  }

  /**
   * The timelines behind a view the runtime made ({@code Schemas.readTimelines}); refuses a foreign
   * one.
   */
  public static Timelines of(TimelinesView view) {
    if (view instanceof Timelines timelines) {
      return timelines;
    }
    throw new IllegalArgumentException(
        "not timelines the runtime read: " + view.getClass().getName());
  }

  @Override
  public TableSchema schema() {
    return visits.schema();
  }

  /** All visit rows, grouped by patient. */
  @Override
  public Table visits() {
    return visits;
  }

  @Override
  public int patientCount() {
    return ids.size();
  }

  /** The number of visits of a patient. */
  @Override
  public int visitCount(int patient) {
    return starts[patient + 1] - starts[patient];
  }

  /** The row in {@link #visits()} of a patient's first visit. */
  @Override
  public int firstRow(int patient) {
    return starts[patient];
  }

  /** A patient's id as read. */
  @Override
  public String id(int patient) {
    return ids.get(patient);
  }

  /** The most visits any patient has (0 when there are no patients). */
  public int maxVisits() {
    int max = 0;
    for (int p = 0; p < ids.size(); p++) {
      max = Math.max(max, visitCount(p));
    }
    return max;
  }

  /** The visit counts of all patients. */
  public int[] visitCounts() {
    int[] counts = new int[ids.size()];
    for (int p = 0; p < counts.length; p++) {
      counts[p] = visitCount(p);
    }
    return counts;
  }

  /** The given patients, in the given order. */
  public Timelines selectPatients(int[] patients) {
    int total = 0;
    for (int p : patients) {
      total += visitCount(p);
    }
    int[] rows = new int[total];
    int[] newStarts = new int[patients.length + 1];
    List<String> newIds = new ArrayList<>(patients.length);
    int next = 0;
    for (int i = 0; i < patients.length; i++) {
      int p = patients[i];
      newStarts[i] = next;
      for (int r = starts[p]; r < starts[p + 1]; r++) {
        rows[next++] = r;
      }
      newIds.add(ids.get(p));
    }
    newStarts[patients.length] = next;
    return new Timelines(visits.selectRows(rows), newStarts, newIds);
  }

  /**
   * One row per patient over the same schema: each patient's first visit (so static attributes and
   * the first visit's time, as well as the first visit's time-varying values).
   */
  public Table firstVisits() {
    return visits.selectRows(Arrays.copyOf(starts, ids.size()));
  }

  /** The learned static attributes of the schema. */
  public List<ColumnSchema> staticColumns() {
    return schema().staticColumns();
  }
}

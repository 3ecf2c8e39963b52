package io.github.syntheticpatients.runtime.data;

import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.PatientTimeline;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns {@link Timelines} into {@link PatientTimeline}s: per patient, the id column and the static
 * attributes (taken from the first visit), then the visits in time order with the time column and
 * the time-varying columns. Values are typed as {@link ValueFormat#toValue}.
 */
public final class TimelineRecords {
  private TimelineRecords() {}

  /** Every patient, in order, with the ids of {@link Timelines#id(int)}. */
  public static List<PatientTimeline> patients(Timelines timelines) {
    List<PatientTimeline> patients = new ArrayList<>(timelines.patientCount());
    for (int p = 0; p < timelines.patientCount(); p++) {
      patients.add(patient(timelines, p, timelines.id(p)));
    }
    return patients;
  }

  /** One patient, under the given id. */
  public static PatientTimeline patient(Timelines timelines, int patient, String id) {
    TableSchema schema = timelines.schema();
    Table visits = timelines.visits();
    int first = timelines.firstRow(patient);
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put(schema.entityId(), id);
    for (ColumnSchema column : schema.staticColumns()) {
      attributes.put(
          column.name(),
          ValueFormat.toValue(column, visits.value(first, schema.indexOf(column.name()))));
    }
    ColumnSchema timeColumn = schema.column(schema.time()).orElseThrow();
    int timeIndex = schema.indexOf(schema.time());
    List<ColumnSchema> varying = schema.timeVaryingColumns();
    int[] varyingIndex = varying.stream().mapToInt(c -> schema.indexOf(c.name())).toArray();
    List<PatientRecord> records = new ArrayList<>(timelines.visitCount(patient));
    for (int row = first; row < first + timelines.visitCount(patient); row++) {
      Map<String, Object> values = new LinkedHashMap<>();
      values.put(timeColumn.name(), ValueFormat.toValue(timeColumn, visits.value(row, timeIndex)));
      for (int i = 0; i < varyingIndex.length; i++) {
        values.put(
            varying.get(i).name(),
            ValueFormat.toValue(varying.get(i), visits.value(row, varyingIndex[i])));
      }
      records.add(new PatientRecord(values));
    }
    return new PatientTimeline(id, new PatientRecord(attributes), records);
  }
}

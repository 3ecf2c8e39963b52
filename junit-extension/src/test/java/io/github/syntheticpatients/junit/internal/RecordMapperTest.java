package io.github.syntheticpatients.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.PatientTimeline;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Whole-patient user types against a longitudinal schema: which component belongs where. */
class RecordMapperTest {
  private static final TableSchema LONGITUDINAL =
      new TableSchema(
              List.of(
                  new ColumnSchema("id", ColumnKind.INTEGER, false, 0, List.of(), 0, false),
                  new ColumnSchema("sex", ColumnKind.BINARY, false, 0, List.of("f", "m"), 0, false)
                      .withStaticAttribute(true),
                  new ColumnSchema("day", ColumnKind.INTEGER, false, 0, List.of(), 0, false),
                  new ColumnSchema("albumin", ColumnKind.NUMERIC, true, 0.1, List.of(), 2, false),
                  new ColumnSchema("note", ColumnKind.NUMERIC, true, 0.1, List.of(), 2, true)),
              null,
              null,
              null)
          .withLongitudinal("id", "day");

  record Visit(Integer day, Double albumin) {}

  record Patient(String id, String sex, List<Visit> visits) {}

  record RenamedVisit(@JsonProperty("day") long studyDay) {}

  record PatientWithRenamedVisits(String sex, List<RenamedVisit> visits) {}

  record MixedUp(String id, Double albumin, List<WrongVisit> visits) {}

  record WrongVisit(Integer day, String sex, Double note) {}

  record VisitsNotAList(String sex, Visit visits) {}

  record PatientAsMaps(String sex, List<Map<String, Object>> visits) {}

  /** A visit row type: no visits list, so it takes any output column. */
  record VisitRow(String id, String sex, Integer day, Double albumin) {}

  @Test
  void splitsTheColumnsIntoPatientAndVisitColumns() {
    assertThat(RecordMapper.attributeColumns(LONGITUDINAL)).containsExactly("id", "sex");
    assertThat(RecordMapper.visitColumns(LONGITUDINAL)).containsExactly("day", "albumin");
  }

  @Test
  void aTypeWithVisitsIsAWholePatient() {
    assertThat(RecordMapper.isPatientType(Patient.class)).isTrue();
    assertThat(RecordMapper.isPatientType(VisitRow.class)).isFalse();
    assertThat(RecordMapper.problems(Patient.class, LONGITUDINAL)).isEmpty();
    assertThat(RecordMapper.problems(PatientAsMaps.class, LONGITUDINAL)).isEmpty();
    assertThat(RecordMapper.problems(PatientWithRenamedVisits.class, LONGITUDINAL)).isEmpty();
    assertThat(RecordMapper.problems(VisitRow.class, LONGITUDINAL)).isEmpty();
  }

  @Test
  void namesComponentsOnTheWrongLevel() {
    assertThat(RecordMapper.problems(MixedUp.class, LONGITUDINAL))
        .containsExactlyInAnyOrder(
            "'albumin' of "
                + MixedUp.class.getName()
                + " is a visit column (the time or a time-varying column):"
                + " it belongs in the type of 'visits'",
            "'sex' of "
                + WrongVisit.class.getName()
                + " is a patient attribute (the id or a static column): it"
                + " belongs in "
                + MixedUp.class.getName()
                + " itself",
            "'note' of " + WrongVisit.class.getName() + " matches no column of the model");
  }

  @Test
  void visitsMustBeAList() {
    assertThat(RecordMapper.problems(VisitsNotAList.class, LONGITUDINAL))
        .containsExactly(
            "'visits' of "
                + VisitsNotAList.class.getName()
                + " is a "
                + Visit.class.getName()
                + "; make it a List of your visit type");
  }

  @Test
  void aTabularModelHasNoWholePatients() {
    TableSchema tabular =
        new TableSchema(
            List.of(
                new ColumnSchema("sex", ColumnKind.BINARY, false, 0, List.of("f", "m"), 0, false)),
            null,
            null,
            null);
    assertThat(RecordMapper.problems(Patient.class, tabular))
        .containsExactly(
            "'visits' of "
                + Patient.class.getName()
                + " asks for whole patients, but the model is tabular (it has"
                + " no patient id and time columns)");
  }

  record ClinicRow(String sex, Integer visits) {}

  @Test
  void aTabularColumnNamedVisitsIsAPlainColumn() {
    TableSchema tabular =
        new TableSchema(
            List.of(
                new ColumnSchema("sex", ColumnKind.BINARY, false, 0, List.of("f", "m"), 0, false),
                new ColumnSchema("visits", ColumnKind.INTEGER, false, 0, List.of(), 0, false)),
            null,
            null,
            null);
    assertThat(RecordMapper.problems(ClinicRow.class, tabular)).isEmpty();
  }

  @Test
  void mapsATimelineOntoNestedUserTypes() {
    PatientTimeline timeline =
        new PatientTimeline(
            "7",
            record(Map.of("id", "7", "sex", "f")),
            List.of(
                record(Map.of("day", 0L, "albumin", 3.5)),
                record(Map.of("day", 182L, "albumin", 3.1))));
    assertThat(RecordMapper.map(timeline, Patient.class))
        .isEqualTo(new Patient("7", "f", List.of(new Visit(0, 3.5), new Visit(182, 3.1))));
  }

  private static PatientRecord record(Map<String, Object> values) {
    return new PatientRecord(new LinkedHashMap<>(values));
  }
}

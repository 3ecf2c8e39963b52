package org.example.patients;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.junit.Seed;
import io.github.syntheticpatients.junit.SyntheticPatients;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.PatientTimeline;
import java.util.List;
import org.junit.jupiter.api.Test;

@Seed(7)
class TimelinesTest {
  record Visit(Integer day, Double bili, Double albumin) {}

  /** A whole patient: static columns, and a visits component for the visit rows. */
  record Patient(String id, String sex, Double age, List<Visit> visits) {}

  @Test
  void visitsComeInTimeOrder(@SyntheticPatients(model = "pbcseq", count = 20) List<PatientTimeline> patients) {
    assertThat(patients).hasSize(20);
    for (PatientTimeline patient : patients) {
      assertThat(patient.attributes().getString("sex")).isIn("f", "m");
      List<Integer> days = patient.visits().stream().map(v -> v.getInt("day")).toList();
      assertThat(days).isNotEmpty().isSorted();
    }
  }

  @Test
  void ownPatientType(@SyntheticPatients(model = "pbcseq", count = 5, conditions = "sex=f") List<Patient> patients) {
    assertThat(patients).allSatisfy(p -> assertThat(p.sex()).isEqualTo("f"));
    assertThat(patients).allSatisfy(p -> assertThat(p.visits()).isNotEmpty());
  }

  @Test
  void visitRowsInLongFormat(@SyntheticPatients(model = "pbcseq", count = 5) List<PatientRecord> rows) {
    assertThat(rows.stream().map(r -> r.getString("id")).distinct()).hasSize(5);
  }
}

package org.example.visits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.syntheticpatients.junit.Seed;
import io.github.syntheticpatients.junit.SyntheticPatients;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.PatientTimeline;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Whole patients from the longitudinal model this build trained with synthetic:train. */
@Seed(2026)
class LongitudinalInjectionTest {
  /** Relative to the project directory, where Surefire runs the tests. */
  static final String MODEL = "target/synthetic/pbcseq-60.synth";

  @Test
  void timelines(@SyntheticPatients(model = MODEL, count = 15) List<PatientTimeline> patients) {
    assertEquals(15, patients.size());
    assertEquals(15, patients.stream().map(PatientTimeline::id).distinct().count());
    for (PatientTimeline patient : patients) {
      assertTrue(Set.of("f", "m").contains(patient.attributes().getString("sex")), patient.toString());
      assertFalse(patient.visits().isEmpty(), patient.toString());
      double previous = Double.NEGATIVE_INFINITY;
      for (PatientRecord visit : patient.visits()) {
        double day = visit.getDouble("day");
        assertTrue(day > previous, "visit days increase: " + patient);
        previous = day;
      }
    }
    assertEquals(ModelLoader.load(MODEL).sample(SampleRequest.of(15, 2026)).timelines(), patients);
  }

  @Test
  void ownPatientType(@SyntheticPatients(model = MODEL, count = 10) Stream<Patient> patients) {
    List<Patient> list = patients.toList();
    assertEquals(10, list.size());
    list.forEach(
        p -> {
          assertNotNull(p.id());
          assertNotNull(p.sex());
          assertFalse(p.visits().isEmpty());
          assertNotNull(p.visits().get(0).day());
        });
  }

  @Test
  void visitRowsInLongFormat(@SyntheticPatients(model = MODEL, count = 5) List<PatientRecord> rows) {
    Set<String> ids = rows.stream().map(r -> r.getString("id")).collect(Collectors.toSet());
    assertEquals(5, ids.size(), "rows of 5 patients");
    assertTrue(rows.size() >= 5, "at least one visit each");
    assertTrue(rows.get(0).columns().containsAll(List.of("id", "sex", "day", "bili")), rows.get(0).columns().toString());
  }

  @Test
  void oneTimeline(@SyntheticPatients(model = MODEL) PatientTimeline patient) {
    assertFalse(patient.visits().isEmpty());
  }
}

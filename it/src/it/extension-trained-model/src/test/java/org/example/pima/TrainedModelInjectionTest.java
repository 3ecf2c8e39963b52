package org.example.pima;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.syntheticpatients.junit.Seed;
import io.github.syntheticpatients.junit.SyntheticPatients;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Patients from the model this build trained with synthetic:train. */
@Seed(2026)
class TrainedModelInjectionTest {
  /** Relative to the project directory, where Surefire runs the tests. */
  static final String MODEL = "target/synthetic/pima2.synth";

  static final List<String> COLUMNS =
      List.of("pregnant", "glucose", "pressure", "triceps", "insulin", "mass", "pedigree", "age", "diabetes");

  @Test
  void recordsHaveTheColumnsOfTheTrainingData(@SyntheticPatients(model = MODEL, count = 200) List<PatientRecord> patients) {
    assertEquals(200, patients.size());
    assertEquals(COLUMNS, patients.get(0).columns());
    Set<String> outcomes = patients.stream().map(p -> p.getString("diabetes")).collect(Collectors.toSet());
    assertTrue(Set.of("neg", "pos").containsAll(outcomes), outcomes.toString());
    assertEquals(ModelLoader.load(MODEL).sample(SampleRequest.of(200, 2026)).records(), patients);
  }

  @Test
  void ownRecordType(@SyntheticPatients(model = MODEL, count = 100, conditions = "diabetes=pos") List<PimaPatient> patients) {
    assertEquals(100, patients.size());
    patients.forEach(
        p -> {
          assertEquals("pos", p.diabetes());
          assertNotNull(p.age());
          assertNotNull(p.diabetesPedigree());
        });
  }

  @Test
  void csvFileFromTheOwnModel(@SyntheticPatients(model = MODEL, count = 40) Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    assertEquals(41, lines.size());
    assertEquals(String.join(",", COLUMNS), lines.get(0));
  }

  @Test
  void theBundledModelIsStillThere(@SyntheticPatients PatientRecord patient) {
    assertTrue(patient.columns().contains("bili"), patient.columns().toString());
  }
}

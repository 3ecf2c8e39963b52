package org.example.patients;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.syntheticpatients.junit.Seed;
import io.github.syntheticpatients.junit.SyntheticPatients;
import io.github.syntheticpatients.runtime.PatientRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@Seed(42)
class PatientTypesTest {
  /** Your own record: components take the columns of the same name. */
  record Patient(String sex, Double age, Double bili, @JsonProperty("alk.phos") Double alkPhos, Integer stage) {}

  /** A POJO works too: public fields, or a no-argument constructor with setters. */
  public static class Labs {
    public Double bili;
    public Double albumin;
  }

  @Test
  void ownRecord(@SyntheticPatients(count = 50) List<Patient> patients) {
    assertThat(patients).hasSize(50).allSatisfy(p -> assertThat(p.sex()).isIn("f", "m"));
  }

  @Test
  void pojo(@SyntheticPatients(count = 5) List<Labs> labs) {
    assertThat(labs).allSatisfy(l -> assertThat(l.albumin).isPositive());
  }

  @Test
  void oneRecordAsAMap(@SyntheticPatients PatientRecord patient) {
    assertThat(patient.asMap()).containsKeys("age", "sex", "bili", "alk.phos");
  }

  @Test
  void aStreamOfAnyLength(@SyntheticPatients(count = 20_000) Stream<PatientRecord> patients) {
    assertThat(patients.count()).isEqualTo(20_000);
  }

  @Test
  void aCsvFile(@SyntheticPatients(count = 30) Path csv) throws Exception {
    assertThat(Files.readAllLines(csv)).hasSize(31);
  }
}

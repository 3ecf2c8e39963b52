package org.example.patients;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.junit.SyntheticPatients;
import io.github.syntheticpatients.runtime.PatientRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class FirstPatientsTest {
  @Test
  void everyPatientHasAPlausibleAge(@SyntheticPatients(count = 100) List<PatientRecord> patients) {
    assertThat(patients).hasSize(100);
    assertThat(patients).allSatisfy(p -> assertThat(p.getDouble("age")).isBetween(18.0, 100.0));
  }
}

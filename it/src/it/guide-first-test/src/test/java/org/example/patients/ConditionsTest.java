package org.example.patients;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.junit.Seed;
import io.github.syntheticpatients.junit.SyntheticPatients;
import io.github.syntheticpatients.runtime.PatientRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

@Seed(42)
class ConditionsTest {
  @Test
  void womenOver60AtStage4(
      @SyntheticPatients(count = 50, conditions = {"sex=f", "age>=60", "stage=4"}) List<PatientRecord> patients) {
    assertThat(patients).allSatisfy(p -> {
      assertThat(p.getString("sex")).isEqualTo("f");
      assertThat(p.getDouble("age")).isGreaterThanOrEqualTo(60.0);
      assertThat(p.getString("stage")).isEqualTo("4");
    });
  }

  @Test
  void aClosedRange(@SyntheticPatients(count = 50, conditions = "bili=1..3") List<PatientRecord> patients) {
    assertThat(patients).allSatisfy(p -> assertThat(p.getDouble("bili")).isBetween(1.0, 3.0));
  }

  @Test
  void spacesAroundTheOperatorAreFine(
      @SyntheticPatients(count = 10, conditions = {" sex = m ", "age < 50"}) List<PatientRecord> patients) {
    assertThat(patients).allSatisfy(p -> assertThat(p.getString("sex")).isEqualTo("m"));
    assertThat(patients).allSatisfy(p -> assertThat(p.getDouble("age")).isLessThan(50.0));
  }
}

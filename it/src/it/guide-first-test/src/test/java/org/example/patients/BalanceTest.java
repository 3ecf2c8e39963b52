package org.example.patients;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.junit.Seed;
import io.github.syntheticpatients.junit.SyntheticPatients;
import io.github.syntheticpatients.runtime.PatientRecord;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@Seed(42)
class BalanceTest {
  /** Each class within one record of its share: 300 / 3 is 100 each. */
  @Test
  void everyOutcomeEquallyOften(@SyntheticPatients(count = 300, balance = "status") List<PatientRecord> patients) {
    Map<String, Long> counts = patients.stream().collect(groupingBy(p -> p.getString("status"), counting()));
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("0", 100L, "1", 100L, "2", 100L));
  }

  /** A rare outcome in half of the records: 200 records hold 100 of it. */
  @Test
  void aRareOutcomeInHalfTheRecords(
      @SyntheticPatients(count = 200, balance = "status:1=0.5") List<PatientRecord> patients) {
    assertThat(patients.stream().filter(p -> "1".equals(p.getString("status"))).count()).isEqualTo(100L);
  }
}

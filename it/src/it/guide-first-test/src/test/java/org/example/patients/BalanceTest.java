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
  /** A multiple of the block size (4,096 records) gets exact counts: 4,096 / 3 is 1,366, 1,365 and 1,365. */
  @Test
  void everyOutcomeEquallyOften(@SyntheticPatients(count = 4096, balance = "status") List<PatientRecord> patients) {
    Map<String, Long> counts = patients.stream().collect(groupingBy(p -> p.getString("status"), counting()));
    assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("0", 1366L, "1", 1365L, "2", 1365L));
  }

  /** Any other count is a random part of a balanced block: close to the shares, not exact. */
  @Test
  void aRareOutcomeInAboutHalfTheRecords(
      @SyntheticPatients(count = 200, balance = "status:1=0.5") List<PatientRecord> patients) {
    assertThat(patients.stream().filter(p -> "1".equals(p.getString("status"))).count()).isBetween(75L, 125L);
  }
}

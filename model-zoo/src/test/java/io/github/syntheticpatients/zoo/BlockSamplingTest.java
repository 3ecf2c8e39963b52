package io.github.syntheticpatients.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.PatientTimeline;
import io.github.syntheticpatients.runtime.SampleLimits;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.sampling.Blocks;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Records of the bundled models do not depend on how a sample was cut: by its size, by where a
 * range starts, or across block boundaries.
 */
class BlockSamplingTest {
  private static final SyntheticModel DEFAULT = ModelLoader.load("default");
  private static final SyntheticModel PBCSEQ = ModelLoader.load("pbcseq");

  @Test
  void blockSizesAreTheFormatConstants() {
    assertThat(Blocks.size(DEFAULT)).isEqualTo(Blocks.RECORDS_PER_BLOCK).isEqualTo(4096);
    assertThat(Blocks.size(PBCSEQ)).isEqualTo(Blocks.PATIENTS_PER_BLOCK).isEqualTo(256);
  }

  @Test
  void aSmallerRequestGivesTheFirstRecordsOfALargerOne() {
    for (List<String> conditions : List.of(List.<String>of(), List.of("sex=m", "age>=50"))) {
      SampleResult large = DEFAULT.sample(new SampleRequest(2 * 4096 + 5, 11, conditions, null));
      for (int rows : new int[] {1, 10, 4096, 4097}) {
        assertThat(DEFAULT.sample(new SampleRequest(rows, 11, conditions, null)).records())
            .as("%d records with %s", rows, conditions)
            .isEqualTo(large.records().subList(0, rows));
      }
    }
  }

  @Test
  void aRangeAcrossBlocksIsTheSameRecordsAsInTheWholeSample() {
    List<String> conditions = List.of("status=2");
    SampleResult whole = DEFAULT.sample(new SampleRequest(3 * 4096, 5, conditions, null));
    // From inside block 0, across block 1, into block 2.
    SampleResult range = Blocks.sample(DEFAULT, new SampleRequest(5000, 5, conditions, null), 4000);
    assertThat(range.records()).isEqualTo(whole.records().subList(4000, 9000));
    assertThat(range.records().get(0).get("id")).isEqualTo("4001");
  }

  @Test
  void patientsAreCutByPatientAndNumberedAcrossBlocks() {
    SampleResult whole = PBCSEQ.sample(new SampleRequest(600, 3, List.of("sex=f"), null));
    SampleResult range =
        Blocks.sample(PBCSEQ, new SampleRequest(100, 3, List.of("sex=f"), null), 200);
    List<PatientTimeline> expected = whole.timelines().subList(200, 300);
    assertThat(range.timelines()).isEqualTo(expected);
    assertThat(range.timelines().get(0).id()).isEqualTo("201");
    int visits = expected.stream().mapToInt(p -> p.visits().size()).sum();
    assertThat(range.records()).hasSize(visits);
    assertThat(range.records().get(0).get("id")).isEqualTo("201");
    assertThat(PBCSEQ.sample(new SampleRequest(7, 3, List.of("sex=f"), null)).timelines())
        .isEqualTo(whole.timelines().subList(0, 7));
  }

  @Test
  void aBalancedRangeIsTheSameRecordsAsInTheWholeSample() {
    SampleRequest whole = new SampleRequest(3 * 4096, 5, List.of("age>=40"), null, "status");
    SampleResult all = DEFAULT.sample(whole);
    SampleResult range =
        Blocks.sample(
            DEFAULT, new SampleRequest(5000, 5, List.of("age>=40"), null, "status"), 4000);
    assertThat(range.records()).isEqualTo(all.records().subList(4000, 9000));
    assertThat(range.records().get(0).get("id")).isEqualTo("4001");
    assertThat(
            DEFAULT.sample(new SampleRequest(10, 5, List.of("age>=40"), null, "status")).records())
        .isEqualTo(all.records().subList(0, 10));
    // Exact per full block: 4,096 / 3 is 1365.33, the row left over to the first category.
    for (int block = 0; block < 3; block++) {
      assertThat(statusCounts(all.records().subList(block * 4096, (block + 1) * 4096)))
          .as("block %d", block)
          .containsExactly(1366L, 1365L, 1365L);
    }
  }

  @Test
  void balancedPatientsAreCutByPatientAsWithoutABalance() {
    SampleResult whole = PBCSEQ.sample(new SampleRequest(600, 3, List.of(), null, "sex:m=0.25"));
    SampleResult range =
        Blocks.sample(PBCSEQ, new SampleRequest(100, 3, List.of(), null, "sex:m=0.25"), 200);
    assertThat(range.timelines()).isEqualTo(whole.timelines().subList(200, 300));
    // 256 patients a block: 64 men and 192 women in each full block.
    for (int block = 0; block < 2; block++) {
      long men =
          whole.timelines().subList(block * 256, (block + 1) * 256).stream()
              .filter(p -> "m".equals(p.attributes().get("sex")))
              .count();
      assertThat(men).as("block %d", block).isEqualTo(64);
    }
  }

  private static List<Long> statusCounts(List<PatientRecord> records) {
    return List.of("0", "1", "2").stream()
        .map(s -> records.stream().filter(r -> s.equals(r.getString("status"))).count())
        .toList();
  }

  @Test
  void eachBlockDrawsItsOwnRecords() {
    SampleResult block = Blocks.sample(DEFAULT, SampleRequest.of(3, 1), 4096);
    assertThat(block.records()).isNotEqualTo(DEFAULT.sample(SampleRequest.of(3, 1)).records());
  }

  @Test
  void anInMemoryRequestLargerThanTheLimitPointsToTheStreamingPath() {
    assertThatThrownBy(() -> DEFAULT.sample(SampleRequest.of(SampleLimits.MAX_RECORDS + 1, 1)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("rows"))
        .hasMessageContainingAll("1,000,001 records", "Generation.generate", "Blocks.sample");
    assertThatThrownBy(() -> Blocks.sample(PBCSEQ, SampleRequest.of(1, 1), -1))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("first"));
  }
}

package io.github.syntheticpatients.runtime.dp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PoissonSamplerTest {
  @Test
  void eachRecordJoinsWithTheSamplingRateAndTheBatchSizeVaries() {
    int records = 1000;
    double rate = 0.05;
    int steps = 400;
    PoissonSampler sampler = new PoissonSampler(records, rate, 42);
    int[] joined = new int[records];
    Set<Integer> sizes = new HashSet<>();
    long total = 0;
    for (int s = 0; s < steps; s++) {
      int[] batch = sampler.next();
      sizes.add(batch.length);
      total += batch.length;
      for (int i = 1; i < batch.length; i++) {
        assertThat(batch[i]).isGreaterThan(batch[i - 1]);
      }
      for (int r : batch) {
        joined[r]++;
      }
    }
    // 400,000 Bernoulli(0.05) draws: mean 20,000, standard deviation 137.8; 5 deviations either
    // way.
    assertThat(total).isBetween(19_311L, 20_689L);
    assertThat(sampler.expectedBatchSize()).isEqualTo(50.0);
    // Batch sizes are Binomial(1000, 0.05): they vary (a fixed-size shuffler would give one size).
    assertThat(sizes.size()).isGreaterThan(10);
    // Every record's own rate: Binomial(400, 0.05), mean 20, sd 4.36; none far outside.
    for (int count : joined) {
      assertThat(count).isBetween(0, 45);
    }
    // The first and second halves of the records join alike (no positional bias).
    long low = 0;
    for (int r = 0; r < records / 2; r++) {
      low += joined[r];
    }
    assertThat((double) low / total).isBetween(0.47, 0.53);
  }

  @Test
  void anEmptyBatchCanOccurAndTheSameSeedGivesTheSameBatches() {
    PoissonSampler rare = new PoissonSampler(10, 0.01, 7);
    int empty = 0;
    for (int s = 0; s < 50; s++) {
      if (rare.next().length == 0) {
        empty++;
      }
    }
    // P(empty) = 0.99^10 = 0.904: about 45 of 50.
    assertThat(empty).isBetween(35, 50);
    PoissonSampler a = new PoissonSampler(100, 0.3, 5);
    PoissonSampler b = new PoissonSampler(100, 0.3, 5);
    for (int s = 0; s < 5; s++) {
      assertThat(b.next()).containsExactly(a.next());
    }
  }
}

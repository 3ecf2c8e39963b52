package io.github.syntheticpatients.runtime.sampling;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Progress lines on a clock the test moves: quiet at first, then each tenth or every 5 s. */
class ProgressTest {
  private long now = 1_000;
  private final List<String> lines = new ArrayList<>();
  private final Progress progress = new Progress(1_000_000, "records", lines::add, () -> now);

  private void at(double seconds, long done) {
    now = 1_000 + (long) (seconds * TimeUnit.SECONDS.toNanos(1));
    progress.done(done);
  }

  @Test
  void aShortRunPrintsNothing() {
    at(1, 500_000);
    at(4.9, 999_999);
    at(4.95, 1_000_000);
    assertThat(lines).isEmpty();
  }

  @Test
  void aLongRunPrintsEachTenthAndAfterQuietSpells() {
    at(1, 50_000);
    at(5, 120_000); // quiet period over, a tenth crossed since the start: a line
    at(6, 150_000); // same tenth, 1 s later: nothing
    at(7, 200_000); // the next tenth: a line
    at(8, 210_000);
    at(12.5, 220_000); // 5.5 s without a line: a line
    at(20, 1_000_000); // done: the caller reports the end itself
    assertThat(lines)
        .containsExactly(
            "Generated 120,000 of 1,000,000 records (12 %) in 5 s, 24,000 records/s",
            "Generated 200,000 of 1,000,000 records (20 %) in 7 s, 28,571 records/s",
            "Generated 220,000 of 1,000,000 records (22 %) in 13 s, 17,600 records/s");
  }
}

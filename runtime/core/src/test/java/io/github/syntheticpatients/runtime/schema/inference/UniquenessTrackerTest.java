package io.github.syntheticpatients.runtime.schema.inference;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UniquenessTrackerTest {
  @Test
  void distinctValuesStayDistinctAcrossBufferGrowth() {
    UniquenessTracker tracker = new UniquenessTracker();
    for (int i = 0; i < 100_000; i++) {
      tracker.add("P-" + i);
    }
    assertThat(tracker.allDistinct()).isTrue();
  }

  @Test
  void aRepeatIsFoundEarlyOrLate() {
    for (int repeatAt : new int[] {1, 255, 256, 257, 70_000}) {
      UniquenessTracker tracker = new UniquenessTracker();
      for (int i = 0; i < 80_000; i++) {
        tracker.add(i == repeatAt ? "P-0" : "P-" + i);
      }
      assertThat(tracker.allDistinct()).as("repeat at %d", repeatAt).isFalse();
    }
  }

  @Test
  void hashSpreadsSimilarStrings() {
    assertThat(UniquenessTracker.hash("12")).isNotEqualTo(UniquenessTracker.hash("21"));
    assertThat(UniquenessTracker.hash("")).isNotEqualTo(UniquenessTracker.hash(" "));
  }
}

package io.github.syntheticpatients.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The classes of a balanced block take turns so that every prefix keeps each class's share. */
class BalancedSamplingInterleaveTest {
  @Test
  void everyPrefixIsWithinOneRowOfEachShareAndEveryRowIsUsedOnce() {
    int[][] plans = {
      {1366, 1365, 1365}, {2048, 2048}, {4000, 90, 6}, {0, 4095, 1}, {1, 1, 1, 4093}
    };
    for (int[] counts : plans) {
      int rows = Arrays.stream(counts).sum();
      int[] order = BalancedSampling.interleave(counts, rows);
      assertThat(order).as(Arrays.toString(counts)).containsExactlyInAnyOrder(range(rows));
      int[] seen = new int[counts.length];
      for (int i = 0; i < rows; i++) {
        seen[classOf(order[i], counts)]++;
        for (int k = 0; k < counts.length; k++) {
          double share = (double) (i + 1) * counts[k] / rows;
          assertThat(Math.abs(seen[k] - share))
              .as("class %d after %d rows of %s", k, i + 1, Arrays.toString(counts))
              .isLessThan(1.0);
        }
      }
    }
  }

  @Test
  void theFirstSlotsGoToTheClassesInTurn() {
    assertThat(BalancedSampling.interleave(new int[] {2, 2, 2}, 6))
        .containsExactly(0, 2, 4, 1, 3, 5);
    assertThat(BalancedSampling.interleave(new int[] {1, 3}, 4)).containsExactly(1, 0, 2, 3);
  }

  private static int classOf(int row, int[] counts) {
    int end = 0;
    for (int k = 0; k < counts.length; k++) {
      end += counts[k];
      if (row < end) {
        return k;
      }
    }
    throw new AssertionError(row);
  }

  private static int[] range(int rows) {
    int[] all = new int[rows];
    Arrays.setAll(all, i -> i);
    return all;
  }
}

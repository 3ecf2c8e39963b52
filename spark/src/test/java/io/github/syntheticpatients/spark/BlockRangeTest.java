package io.github.syntheticpatients.spark;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlockRangeTest {
  @Test
  void cutsWholeBlocksAsEvenlyAsTheyAllow() {
    assertThat(BlockRange.plan(10_000, 1000, 3))
        .containsExactly(
            new BlockRange(0, 3000), new BlockRange(3000, 6000), new BlockRange(6000, 10_000));
  }

  @Test
  void neverMorePartitionsThanBlocksAndTheLastBlockMayBeShort() {
    assertThat(BlockRange.plan(2500, 1000, 8))
        .containsExactly(
            new BlockRange(0, 1000), new BlockRange(1000, 2000), new BlockRange(2000, 2500));
  }

  @Test
  void aBillionRowsInBlocksOf4096() {
    var ranges = BlockRange.plan(1_000_000_000L, 4096, 96);
    assertThat(ranges).hasSize(96);
    assertThat(ranges.get(0).first()).isZero();
    assertThat(ranges.get(95).end()).isEqualTo(1_000_000_000L);
    for (int i = 1; i < ranges.size(); i++) {
      assertThat(ranges.get(i).first()).isEqualTo(ranges.get(i - 1).end());
      assertThat(ranges.get(i).first() % 4096).isZero();
    }
  }
}

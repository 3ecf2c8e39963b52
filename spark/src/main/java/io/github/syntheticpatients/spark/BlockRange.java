package io.github.syntheticpatients.spark;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;

/**
 * One partition: records {@code [first, end)} of the sequence (patients, for a longitudinal model),
 * whole blocks but for the last block of the sample.
 *
 * @param first the first record's index
 * @param end the index past the last record
 */
record BlockRange(long first, long end) implements InputPartition {
  private static final long serialVersionUID = 1L;

  /**
   * Cuts {@code rows} records into at most {@code partitions} ranges of whole blocks, as even as
   * blocks allow; never more ranges than blocks.
   *
   * @param rows records to sample, 1 or more
   * @param blockSize records per block
   * @param partitions ranges wanted, 1 or more
   */
  static List<BlockRange> plan(long rows, int blockSize, int partitions) {
    long blocks = (rows - 1) / blockSize + 1;
    int count = (int) Math.min(blocks, partitions);
    List<BlockRange> ranges = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      long firstBlock = blocks * i / count;
      long endBlock = blocks * (i + 1) / count;
      ranges.add(
          new BlockRange(firstBlock * blockSize, Math.min(rows, endBlock * (long) blockSize)));
    }
    return ranges;
  }
}

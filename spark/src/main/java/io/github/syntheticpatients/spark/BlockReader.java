package io.github.syntheticpatients.spark;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.sampling.Blocks;
import java.util.Iterator;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.PartitionReader;

/**
 * Reads one partition: samples its blocks one after the other with the plain-Java sampler, so only
 * one block of records is in memory at a time.
 */
final class BlockReader implements PartitionReader<InternalRow> {
  private final SyntheticModel model;
  private final RowShape shape;
  private final SampleRequest block;
  private final BlockRange range;
  private final int blockSize;
  private long nextBlockStart;
  private Iterator<InternalRow> rows;
  private InternalRow current;

  /**
   * @param block a whole block's request: its size, the seed and the conditions
   */
  BlockReader(SyntheticModel model, RowShape shape, SampleRequest block, BlockRange range) {
    this.model = model;
    this.shape = shape;
    this.block = block;
    this.range = range;
    this.blockSize = block.rows();
    this.nextBlockStart = range.first();
  }

  @Override
  public boolean next() {
    while (rows == null || !rows.hasNext()) {
      if (nextBlockStart >= range.end()) {
        return false;
      }
      rows = sampleBlock(nextBlockStart);
      nextBlockStart += blockSize;
    }
    current = rows.next();
    return true;
  }

  @Override
  public InternalRow get() {
    return current;
  }

  @Override
  public void close() {
    rows = null;
  }

  /** The rows of the block that starts at {@code start}: records, or patients when nested. */
  private Iterator<InternalRow> sampleBlock(long start) {
    int count = (int) Math.min(blockSize, range.end() - start);
    SampleResult sampled =
        Blocks.sample(
            model,
            new SampleRequest(
                count, block.seed(), block.conditions(), block.timeBudget(), block.balance()),
            start);
    // Lazy: each record is built and converted when Spark asks for its row.
    return shape.nested()
        ? sampled.timelines().stream().map(shape::row).iterator()
        : sampled.records().stream().map(shape::row).iterator();
  }
}

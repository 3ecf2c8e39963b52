package io.github.syntheticpatients.spark;

import io.github.syntheticpatients.runtime.sampling.Blocks;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.types.StructType;

/**
 * A batch scan of one sample: plans the partitions as ranges of whole blocks and broadcasts the
 * model file once for all of them.
 */
final class SyntheticScan implements Scan, Batch {
  private final SyntheticTable table;
  private final List<String> columns;
  private final StructType readSchema;
  private Broadcast<byte[]> modelFile;

  /**
   * @param columns the columns the query reads
   */
  SyntheticScan(SyntheticTable table, List<String> columns) {
    this.table = table;
    this.columns = List.copyOf(columns);
    this.readSchema =
        RowShape.of(table.model().schema(), table.options().layout()).select(columns).sparkSchema();
  }

  @Override
  public StructType readSchema() {
    return readSchema;
  }

  @Override
  public String description() {
    SourceOptions options = table.options();
    return "synthetic-patients[model="
        + table.model().id()
        + ", rows="
        + options.rows()
        + ", seed="
        + options.seed()
        + ", layout="
        + options.layout().optionValue()
        + (options.conditions().isEmpty() ? "" : ", conditions=" + options.conditions())
        + (options.balance().isEmpty() ? "" : ", balance=" + options.balance())
        + "]";
  }

  @Override
  public Batch toBatch() {
    return this;
  }

  @Override
  public InputPartition[] planInputPartitions() {
    SourceOptions options = table.options();
    int partitions =
        options
            .partitions()
            .orElseGet(() -> SparkSession.active().sparkContext().defaultParallelism());
    List<BlockRange> ranges =
        BlockRange.plan(options.rows(), Blocks.size(table.model()), partitions);
    return ranges.toArray(new InputPartition[0]);
  }

  @Override
  public synchronized PartitionReaderFactory createReaderFactory() {
    if (modelFile == null) {
      modelFile =
          JavaSparkContext.fromSparkContext(SparkSession.active().sparkContext())
              .broadcast(table.modelFile());
    }
    return new BlockReaderFactory(
        modelFile, table.model().sha256(), table.model().id(), table.options(), columns);
  }
}

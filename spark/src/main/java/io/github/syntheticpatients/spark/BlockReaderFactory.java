package io.github.syntheticpatients.spark;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.sampling.Blocks;
import java.util.List;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReader;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;

/**
 * Sent to the executors with each task: the scan's options and the broadcast model file. The model
 * is loaded once per executor JVM ({@link ExecutorModels}), not once per task.
 */
final class BlockReaderFactory implements PartitionReaderFactory {
  private static final long serialVersionUID = 1L;

  private final Broadcast<byte[]> modelFile;
  private final String sha256;
  private final String modelId;
  private final long seed;
  private final List<String> conditions;
  private final String balance;
  private final Layout layout;
  private final List<String> columns;

  BlockReaderFactory(
      Broadcast<byte[]> modelFile,
      String sha256,
      String modelId,
      SourceOptions options,
      List<String> columns) {
    this.modelFile = modelFile;
    this.sha256 = sha256;
    this.modelId = modelId;
    this.seed = options.seed();
    this.conditions = List.copyOf(options.conditions());
    this.balance = options.balance();
    this.layout = options.layout();
    this.columns = List.copyOf(columns);
  }

  @Override
  public PartitionReader<InternalRow> createReader(InputPartition partition) {
    SyntheticModel model = ExecutorModels.get(sha256, modelId, modelFile::value);
    SampleRequest block =
        new SampleRequest(
            Blocks.size(model), seed, conditions, SampleRequest.DEFAULT_TIME_BUDGET, balance);
    return new BlockReader(
        model, RowShape.of(model.schema(), layout).select(columns), block, (BlockRange) partition);
  }
}

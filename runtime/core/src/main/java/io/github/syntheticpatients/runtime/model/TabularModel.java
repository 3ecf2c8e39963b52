package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.ModelInfo;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.ValueFormat;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.IdentifierShape;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;

/**
 * A loaded tabular model: samples rows, meets conditions (the generator's own conditioning where it
 * has one, rejection within a time budget otherwise) and a class balance ({@link
 * BalancedSampling}), and turns rows into {@link PatientRecord}s with generated ids.
 *
 * <p>Record {@code i} of a seed lies in block {@code i / BLOCK_RECORDS}, sampled from {@link
 * RandomStream#forBlock} as {@link BlockRows} (or, with a balance, {@link BalancedSampling}) says;
 * identifiers are a function of the seed, the column and {@code i}. So a record does not depend on
 * how many were asked for, on the threads, or on where a range starts.
 */
public final class TabularModel implements BlockModel {
  /**
   * Records per block: a constant of the format (changing it changes every sampled record). Large
   * enough that a block's stream and bookkeeping cost nothing beside its rows, small enough that a
   * test asking for ten records of a GAN does not wait for many more.
   */
  public static final int BLOCK_RECORDS = 4096;

  private final String id;
  private final String sha256;
  private final String streamKey;
  private final TableSchema schema;
  private final ModelInfo info;
  private final RowSampler sampler;

  /** Balance notices already logged, so a file sampled block by block logs each once. */
  private final Set<String> notices = ConcurrentHashMap.newKeySet();

  TabularModel(String id, String sha256, TableSchema schema, ModelInfo info, RowSampler sampler) {
    this(id, sha256, sha256, schema, info, sampler);
  }

  /**
   * @param sha256 the model file's digest, which identifies it
   * @param streamKey the digest that keys its sampling streams ({@link ModelFile#streamKey})
   */
  TabularModel(
      String id,
      String sha256,
      String streamKey,
      TableSchema schema,
      ModelInfo info,
      RowSampler sampler) {
    this.id = id;
    this.sha256 = sha256;
    this.streamKey = streamKey;
    this.schema = schema;
    this.info = info;
    this.sampler = sampler;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String sha256() {
    return sha256;
  }

  /** The digest that keys this model's sampling streams ({@link ModelFile#streamKey}). */
  String streamKey() {
    return streamKey;
  }

  @Override
  public TableSchema schema() {
    return schema;
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  /**
   * How a block's rows meet the request's conditions and balance; for this model's records and a
   * longitudinal model's patients.
   *
   * @throws io.github.syntheticpatients.runtime.InvalidInputException naming {@code conditions} or
   *     {@code balance} when either cannot be read or used
   */
  BlockSource blockSource(SampleRequest request) {
    Conditions conditions = Conditions.parse(request.conditions(), schema);
    ConditionFeasibility.require(
        request.conditions(), conditions, schema, sampler, info.privacyGuarantee().isPresent());
    if (request.balance().isEmpty()) {
      return new BlockRows(schema, sampler, request.conditions(), conditions);
    }
    return new BalancedSampling(
        ClassBalance.parse(request.balance(), schema),
        schema,
        sampler,
        request.conditions(),
        conditions,
        notices);
  }

  @Override
  public int blockSize() {
    return BLOCK_RECORDS;
  }

  @Override
  public SampleResult sample(SampleRequest request, long first) {
    BlockModel.requireRange(request, first, false);
    Sampled sampled = sampleTable(request, first);
    return new SampleResult(
        sampled.table(),
        toRecords(sampled.table(), request.seed(), first),
        sampled.acceptanceRate());
  }

  /** Sampled rows and the share of candidates kept for them. */
  private record Sampled(Table table, double acceptanceRate) {}

  /**
   * Rows {@code [first, first + request.rows())} of the sequence for the request's seed, in blocks
   * sampled in parallel.
   */
  private Sampled sampleTable(SampleRequest request, long first) {
    int blockSize = BLOCK_RECORDS;
    BlockSource rows = blockSource(request);
    long end = first + request.rows();
    long firstBlock = first / blockSize;
    int blocks = request.rows() == 0 ? 0 : (int) ((end - 1) / blockSize - firstBlock + 1);
    BlockRows.Part[] parts = new BlockRows.Part[blocks];
    IntStream.range(0, blocks)
        .parallel()
        .forEach(
            i -> {
              long block = firstBlock + i;
              long blockStart = block * blockSize;
              int to = (int) (Math.min(end, blockStart + blockSize) - blockStart);
              BlockRows.Part part =
                  rows.first(
                      to,
                      blockSize,
                      RandomStream.forBlock(request.seed(), streamKey, block),
                      request.timeBudget());
              int from = (int) (Math.max(first, blockStart) - blockStart);
              parts[i] = new BlockRows.Part(BlockRows.from(part.table(), from), part.generated());
            });
    List<Table> tables = new ArrayList<>(blocks);
    long kept = 0;
    long generated = 0;
    for (BlockRows.Part part : parts) {
      tables.add(part.table());
      kept += part.table().rowCount();
      generated += part.generated();
    }
    Table table =
        blocks == 0
            ? new Table(schema, new double[schema.columns().size()][0])
            : BlockRows.concatenate(schema, tables);
    // Nothing asked for means nothing generated: full acceptance, not 0/0 (NaN is not valid JSON in
    // the provenance file).
    return new Sampled(table, generated == 0 ? 1.0 : Math.min(1.0, (double) kept / generated));
  }

  private List<PatientRecord> toRecords(Table table, long seed, long first) {
    return new LazyList<>(table.rowCount(), row -> record(table, row, seed, first + row));
  }

  /** Row {@code row} of the table, which is record {@code index} of the sequence. */
  private PatientRecord record(Table table, int row, long seed, long index) {
    List<ColumnSchema> columns = schema.columns();
    Map<String, Object> values = new LinkedHashMap<>();
    for (int c = 0; c < columns.size(); c++) {
      ColumnSchema column = columns.get(c);
      if (column.dropped()) {
        continue;
      }
      if (column.kind() == ColumnKind.IDENTIFIER) {
        // Nothing of the real values is kept: a fresh sequence or random values of the schema's
        // shape.
        values.put(
            column.name(),
            IdentifierShape.generate(
                column.identifierShape(), index, IdentifierShape.randomFor(seed, c, index)));
      } else {
        values.put(column.name(), ValueFormat.toValue(column, table.value(row, c)));
      }
    }
    return new PatientRecord(values);
  }
}

package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.ModelInfo;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.SyntheticModel;
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

/**
 * A loaded tabular model: samples rows, meets conditions (the conditional vector where the
 * generator has one, rejection within a time budget otherwise) and turns rows into {@link
 * PatientRecord}s with generated ids.
 */
public final class TabularModel implements SyntheticModel {
  private static final int MIN_REJECTION_BATCH = 256;

  private final String id;
  private final String sha256;
  private final TableSchema schema;
  private final ModelInfo info;
  private final RowSampler sampler;

  TabularModel(String id, String sha256, TableSchema schema, ModelInfo info, RowSampler sampler) {
    this.id = id;
    this.sha256 = sha256;
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

  @Override
  public TableSchema schema() {
    return schema;
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  @Override
  public SampleResult sample(SampleRequest request) {
    Conditions conditions = Conditions.parse(request.conditions(), schema);
    Map<String, Integer> fixed = sampler.conditionable(conditions.categories());
    Map<String, Integer> rejectedCategories = new LinkedHashMap<>(conditions.categories());
    fixed.keySet().forEach(rejectedCategories::remove);
    RandomStream random = RandomStream.of(request.seed());

    Table table;
    double acceptance = 1.0;
    if (rejectedCategories.isEmpty() && conditions.ranges().isEmpty()) {
      table = sampler.sample(request.rows(), fixed, random);
    } else {
      RejectionOutcome outcome =
          sampleByRejection(request, fixed, rejectedCategories, conditions, random);
      table = outcome.table();
      acceptance = outcome.acceptanceRate();
    }
    return new SampleResult(table, toRecords(table, request.seed()), acceptance);
  }

  private record RejectionOutcome(Table table, double acceptanceRate) {}

  private RejectionOutcome sampleByRejection(
      SampleRequest request,
      Map<String, Integer> fixed,
      Map<String, Integer> categories,
      Conditions conditions,
      RandomStream random) {
    int wanted = request.rows();
    long deadline = System.nanoTime() + request.timeBudget().toNanos();
    List<int[]> keptRows = new ArrayList<>();
    List<Table> batches = new ArrayList<>();
    long generated = 0;
    int kept = 0;
    int batchSize = Math.max(MIN_REJECTION_BATCH, wanted);
    while (kept < wanted) {
      if (System.nanoTime() > deadline) {
        double rate = generated == 0 ? 0 : (double) kept / generated;
        throw InvalidInputException.inParameter(
            "conditions",
            String.format(
                java.util.Locale.ROOT,
                "Only %d of %d records met the conditions %s within the time budget of %.1f s"
                    + " (acceptance rate %.5f of %d generated). Widen the ranges, condition on fewer columns,"
                    + " or ask for fewer records.",
                kept,
                wanted,
                request.conditions(),
                request.timeBudget().toMillis() / 1000.0,
                rate,
                generated));
      }
      Table batch = sampler.sample(batchSize, fixed, random.split());
      generated += batchSize;
      int[] accepted = acceptedRows(batch, categories, conditions.ranges(), wanted - kept);
      if (accepted.length > 0) {
        batches.add(batch);
        keptRows.add(accepted);
        kept += accepted.length;
      }
    }
    // Zero rows asked for means nothing was generated: report full acceptance, not 0/0 (NaN is not
    // valid JSON in
    // the provenance file).
    double rate = generated == 0 ? 1.0 : (double) kept / generated;
    return new RejectionOutcome(concatenate(batches, keptRows, wanted), Math.min(1.0, rate));
  }

  private int[] acceptedRows(
      Table batch,
      Map<String, Integer> categories,
      Map<String, Conditions.Range> ranges,
      int limit) {
    int[] accepted = new int[Math.min(limit, batch.rowCount())];
    int count = 0;
    for (int row = 0; row < batch.rowCount() && count < limit; row++) {
      if (meets(batch, row, categories, ranges)) {
        accepted[count++] = row;
      }
    }
    return java.util.Arrays.copyOf(accepted, count);
  }

  private boolean meets(
      Table batch, int row, Map<String, Integer> categories, Map<String, Conditions.Range> ranges) {
    for (Map.Entry<String, Integer> condition : categories.entrySet()) {
      double value = batch.value(row, schema.indexOf(condition.getKey()));
      if (Double.isNaN(value) || (int) value != condition.getValue()) {
        return false;
      }
    }
    for (Map.Entry<String, Conditions.Range> condition : ranges.entrySet()) {
      if (!condition.getValue().contains(batch.value(row, schema.indexOf(condition.getKey())))) {
        return false;
      }
    }
    return true;
  }

  private Table concatenate(List<Table> batches, List<int[]> rows, int total) {
    double[][] columns = new double[schema.columns().size()][total];
    int offset = 0;
    for (int b = 0; b < batches.size(); b++) {
      Table batch = batches.get(b);
      int[] selected = rows.get(b);
      for (int c = 0; c < columns.length; c++) {
        double[] source = batch.column(c);
        for (int i = 0; i < selected.length; i++) {
          columns[c][offset + i] = source[selected[i]];
        }
      }
      offset += selected.length;
    }
    return new Table(schema, columns);
  }

  private List<PatientRecord> toRecords(Table table, long seed) {
    return new LazyList<>(table.rowCount(), row -> record(table, row, seed));
  }

  private PatientRecord record(Table table, int row, long seed) {
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
                column.identifierShape(), row, IdentifierShape.randomFor(seed, c, row)));
      } else {
        values.put(column.name(), ValueFormat.toValue(column, table.value(row, c)));
      }
    }
    return new PatientRecord(values);
  }
}

package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The rows of one block that meet a request's conditions: candidates come in batches of the block's
 * size, each sampled from the next {@link RandomStream#split()} of the block's stream, and the
 * block holds the first candidates that meet the conditions, in order (every candidate without
 * range conditions or categories the sampler cannot meet itself). The batch size never depends on
 * how many rows are asked for, so the first {@code n} rows of a block are the same whatever {@code
 * n}: a request cut anywhere gives the same records.
 */
final class BlockRows implements BlockSource {
  private final TableSchema schema;
  private final RowSampler sampler;
  private final List<String> expressions;
  private final Map<String, Integer> fixed;
  private final Map<String, Integer> rejectedCategories;

  /** Ranges the sampler meets itself. */
  private final Map<String, Conditions.Range> metRanges;

  /** Ranges met by rejection. */
  private final Map<String, Conditions.Range> ranges;

  /**
   * @param schema the schema the sampler's tables have
   * @param sampler the row sampler
   * @param expressions the request's conditions as given, for messages
   * @param conditions the parsed conditions
   */
  BlockRows(
      TableSchema schema, RowSampler sampler, List<String> expressions, Conditions conditions) {
    this.schema = schema;
    this.sampler = sampler;
    this.expressions = expressions;
    this.fixed = sampler.conditionable(conditions.categories());
    this.rejectedCategories = new LinkedHashMap<>(conditions.categories());
    fixed.keySet().forEach(rejectedCategories::remove);
    Set<String> met = sampler.rangeConditionable(conditions.ranges());
    this.metRanges = new LinkedHashMap<>();
    this.ranges = new LinkedHashMap<>();
    conditions
        .ranges()
        .forEach((name, range) -> (met.contains(name) ? metRanges : ranges).put(name, range));
  }

  /** The first rows of one block and how many candidates they took. */
  record Part(Table table, long generated) {}

  /**
   * The first {@code count} rows of a block.
   *
   * @param count rows wanted, at most {@code blockSize}
   * @param blockSize the block's size, which is also the candidate batch size
   * @param random the block's stream
   * @param timeBudget how long rejection may take for this block
   * @throws InvalidInputException naming {@code conditions} when the budget runs out
   */
  @Override
  public Part first(int count, int blockSize, RandomStream random, Duration timeBudget) {
    if (rejectedCategories.isEmpty() && ranges.isEmpty()) {
      RandomStream stream = random.split();
      Table rows =
          metRanges.isEmpty()
              ? sampler.sampleFirst(count, blockSize, fixed, stream)
              : from(sampler.sample(blockSize, fixed, metRanges, stream), 0, count);
      return new Part(rows, count);
    }
    long deadline = System.nanoTime() + timeBudget.toNanos();
    double[][] kept = new double[schema.columns().size()][count];
    int found = 0;
    long generated = 0;
    while (found < count) {
      if (System.nanoTime() > deadline) {
        throw budgetSpent(found, count, generated, timeBudget);
      }
      Table batch = sampler.sample(blockSize, fixed, metRanges, random.split());
      generated += blockSize;
      for (int row = 0; row < blockSize && found < count; row++) {
        if (meets(batch, row)) {
          for (int c = 0; c < kept.length; c++) {
            kept[c][found] = batch.value(row, c);
          }
          found++;
        }
      }
    }
    return new Part(new Table(schema, kept), generated);
  }

  private boolean meets(Table batch, int row) {
    for (Map.Entry<String, Integer> condition : rejectedCategories.entrySet()) {
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

  private InvalidInputException budgetSpent(
      int found, int count, long generated, Duration timeBudget) {
    double rate = generated == 0 ? 0 : (double) found / generated;
    return InvalidInputException.inParameter(
        "conditions",
        String.format(
            Locale.ROOT,
            "Only %d of %d records met the conditions %s within the time budget of %.1f s"
                + " (acceptance rate %.5f of %d generated). Widen the ranges, condition on fewer"
                + " columns, or ask for fewer records.",
            found,
            count,
            expressions,
            timeBudget.toMillis() / 1000.0,
            rate,
            generated));
  }

  /** Rows {@code [from, to)} of a table. */
  static Table from(Table table, int from, int to) {
    if (from == 0 && to == table.rowCount()) {
      return table;
    }
    int[] rows = new int[to - from];
    Arrays.setAll(rows, i -> from + i);
    return table.selectRows(rows);
  }

  /** Rows {@code [from, table.rowCount())} of a table. */
  static Table from(Table table, int from) {
    if (from == 0) {
      return table;
    }
    int[] rows = new int[table.rowCount() - from];
    Arrays.setAll(rows, i -> from + i);
    return table.selectRows(rows);
  }

  /** The tables' rows one after another. */
  static Table concatenate(TableSchema schema, List<Table> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    int total = 0;
    for (Table part : parts) {
      total += part.rowCount();
    }
    double[][] columns = new double[schema.columns().size()][total];
    int offset = 0;
    for (Table part : parts) {
      for (int c = 0; c < columns.length; c++) {
        System.arraycopy(part.column(c), 0, columns[c], offset, part.rowCount());
      }
      offset += part.rowCount();
    }
    return new Table(schema, columns);
  }
}

package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples a {@link ClassBalance} one block at a time: plans the rows of each class for the full
 * block, samples each class with the class added to the conditions (so a generator fixes it through
 * its own conditioning, {@link RowSampler#conditionable}, and only one that cannot falls back to
 * rejection, as {@link BlockRows} does for conditions), interleaves the classes, then keeps the
 * rows asked for.
 *
 * <p>Counts are exact per full block, and within one of a class's share in the first {@code n} rows
 * of a block for every {@code n} (so within two in any range of rows): the classes take turns in a
 * fixed order, each slot going to the class furthest behind its share. The block's stream is split
 * in a fixed order (one stream per class in category order), and the whole block is always sampled,
 * so the first {@code n} rows of a block do not depend on {@code n}: a balanced record is the same
 * however the request was cut, as without a balance.
 */
final class BalancedSampling implements BlockSource {
  private static final Logger LOG = LoggerFactory.getLogger(BalancedSampling.class);

  private final ClassBalance balance;
  private final TableSchema schema;
  private final List<String> categories;
  private final BlockRows[] classes;
  private final boolean[] byRejection;
  private final Set<String> notices;

  /**
   * @param balance the class distribution
   * @param schema the schema the sampler's tables have
   * @param sampler the model's row sampler, asked whether it can fix the column
   * @param expressions the request's conditions as given, for messages
   * @param conditions the parsed conditions
   * @param notices the model's notices already logged; a notice is logged once per model
   * @throws InvalidInputException naming {@code balance} when a condition already fixes the column
   */
  BalancedSampling(
      ClassBalance balance,
      TableSchema schema,
      RowSampler sampler,
      List<String> expressions,
      Conditions conditions,
      Set<String> notices) {
    String column = balance.column();
    if (conditions.categories().containsKey(column)) {
      throw InvalidInputException.inParameter(
          "balance",
          "balance on '"
              + column
              + "' cannot be used together with the condition that fixes '"
              + column
              + "'; drop one of them");
    }
    this.balance = balance;
    this.schema = schema;
    this.categories = schema.column(column).orElseThrow().categories();
    this.classes = new BlockRows[categories.size()];
    this.byRejection = new boolean[categories.size()];
    this.notices = notices;
    for (int k = 0; k < classes.length; k++) {
      Conditions withClass = withCategory(conditions, column, k);
      classes[k] = new BlockRows(schema, sampler, expressions, withClass);
      byRejection[k] = !sampler.conditionable(withClass.categories()).containsKey(column);
    }
  }

  /**
   * The first {@code count} rows of a balanced block: every class's rows for the full block, each
   * class's candidates in batches of its count, interleaved.
   *
   * @throws InvalidInputException naming {@code balance} when rejection could not find a class's
   *     rows within the block's time budget
   */
  @Override
  public BlockRows.Part first(int count, int blockSize, RandomStream random, Duration timeBudget) {
    int[] counts = balance.counts(blockSize);
    RandomStream[] streams = new RandomStream[counts.length];
    for (int k = 0; k < counts.length; k++) {
      streams[k] = random.split();
    }
    long deadline = System.nanoTime() + timeBudget.toNanos();
    double[][] columns = new double[schema.columns().size()][blockSize];
    int offset = 0;
    long generated = 0;
    for (int k = 0; k < counts.length; k++) {
      if (counts[k] == 0) {
        continue;
      }
      logRejection(k);
      Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
      BlockRows.Part part;
      try {
        part = classes[k].first(counts[k], counts[k], streams[k], left);
      } catch (InvalidInputException e) {
        throw classNotMet(k, counts[k], e);
      }
      for (int c = 0; c < columns.length; c++) {
        System.arraycopy(part.table().column(c), 0, columns[c], offset, counts[k]);
      }
      offset += counts[k];
      generated += part.generated();
    }
    int[] order = Arrays.copyOf(interleave(counts, blockSize), count);
    Table table = new Table(schema, columns).selectRows(order);
    // The kept rows' share of the block's candidates, so that rows over candidates stays the
    // block's acceptance rate however few rows are kept.
    return new BlockRows.Part(table, Math.round((double) generated * count / blockSize));
  }

  private void logRejection(int k) {
    if (!byRejection[k]) {
      return;
    }
    String notice = balance.column() + "=" + categories.get(k);
    if (notices.add(notice)) {
      LOG.info(
          "This model's generator cannot fix {} through its own conditioning; the balance meets it"
              + " by rejection within the time budget.",
          notice);
    }
  }

  private InvalidInputException classNotMet(int k, int rows, InvalidInputException e) {
    String column = balance.column();
    String how =
        byRejection[k]
            ? "this model's generator cannot fix '" + column + "', so it was sought by rejection"
            : "the other conditions are met by rejection";
    return InvalidInputException.inParameter(
        "balance",
        "Could not sample the "
            + rows
            + " records of class "
            + column
            + "="
            + categories.get(k)
            + " that the balance asks for in a block of records ("
            + how
            + "): "
            + e.getMessage());
  }

  private static Conditions withCategory(Conditions conditions, String column, int category) {
    Map<String, Integer> categories = new LinkedHashMap<>(conditions.categories());
    categories.put(column, category);
    return new Conditions(categories, conditions.ranges());
  }

  /**
   * The row of each slot when the classes' rows lie one class after another: slot i goes to the
   * class furthest behind its share of the first i + 1 slots (the lowest category on a tie), which
   * keeps every class within one row of its share in every prefix.
   */
  static int[] interleave(int[] counts, int rows) {
    int[] next = new int[counts.length];
    int[] end = new int[counts.length];
    int offset = 0;
    for (int k = 0; k < counts.length; k++) {
      next[k] = offset;
      offset += counts[k];
      end[k] = offset;
    }
    int[] order = new int[rows];
    for (int i = 0; i < rows; i++) {
      int best = -1;
      long bestDeficit = Long.MIN_VALUE;
      for (int k = 0; k < counts.length; k++) {
        if (next[k] == end[k]) {
          continue;
        }
        // (share of the first i + 1 slots − rows given so far) × rows, in exact integers.
        long given = next[k] - (end[k] - counts[k]);
        long deficit = (long) (i + 1) * counts[k] - given * rows;
        if (deficit > bestDeficit) {
          best = k;
          bestDeficit = deficit;
        }
      }
      order[i] = next[best]++;
    }
    return order;
  }
}

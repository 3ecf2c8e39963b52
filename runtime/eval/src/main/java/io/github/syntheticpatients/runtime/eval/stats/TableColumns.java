package io.github.syntheticpatients.runtime.eval.stats;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Column selection and seeded subsampling shared by the metrics. */
public final class TableColumns {
  private TableColumns() {}

  /** Indexes (in the table) of the learned columns: not dropped, not identifiers. */
  public static int[] learned(TableSchema schema) {
    List<Integer> indexes = new ArrayList<>();
    for (int i = 0; i < schema.columns().size(); i++) {
      if (schema.columns().get(i).isLearned()) {
        indexes.add(i);
      }
    }
    return indexes.stream().mapToInt(Integer::intValue).toArray();
  }

  public static ColumnSchema column(Table table, int index) {
    return table.schema().columns().get(index);
  }

  /** Checks that two tables share column names and kinds, so codes and values compare. */
  public static void requireSameColumns(Table real, Table other, String otherName) {
    List<ColumnSchema> a = real.schema().columns();
    List<ColumnSchema> b = other.schema().columns();
    if (a.size() != b.size()) {
      throw new IllegalArgumentException(
          otherName
              + " has "
              + b.size()
              + " columns but the real table has "
              + a.size()
              + "; evaluate tables read with the same schema");
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).name().equals(b.get(i).name()) || a.get(i).kind() != b.get(i).kind()) {
        throw new IllegalArgumentException(
            otherName
                + " column "
                + i
                + " is '"
                + b.get(i).name()
                + "' ("
                + b.get(i).kind()
                + ") but the real table has '"
                + a.get(i).name()
                + "' ("
                + a.get(i).kind()
                + "); evaluate tables read with the same schema");
      }
    }
  }

  /**
   * Up to {@code max} rows drawn without replacement with the seed; the table itself when it is
   * small enough.
   */
  public static Table subsample(Table table, int max, long seed) {
    if (table.rowCount() <= max) {
      return table;
    }
    return table.selectRows(sampleIndexes(table.rowCount(), max, seed));
  }

  /** {@code k} distinct indexes of {@code 0..n-1} (partial Fisher–Yates), in drawn order. */
  public static int[] sampleIndexes(int n, int k, long seed) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    SplittableRandom random = new SplittableRandom(seed);
    int take = Math.min(k, n);
    for (int i = 0; i < take; i++) {
      int j = i + random.nextInt(n - i);
      int t = all[i];
      all[i] = all[j];
      all[j] = t;
    }
    int[] result = new int[take];
    System.arraycopy(all, 0, result, 0, take);
    return result;
  }

  /** A random permutation of {@code 0..n-1}. */
  public static int[] permutation(int n, long seed) {
    return sampleIndexes(n, n, seed);
  }
}

package io.github.syntheticpatients.runtime.eval.fidelity;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.stats.Classifiers;
import io.github.syntheticpatients.runtime.eval.stats.FeatureEncoder;
import io.github.syntheticpatients.runtime.eval.stats.RankMetrics;
import io.github.syntheticpatients.runtime.eval.stats.TableColumns;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Machine-learning utility: train-on-synthetic/test-on-real (TSTR) against
 * train-on-real/test-on-real (TRTR) for a discrete target column, with a Tribuo random forest (25
 * CART trees, depth ≤ 8; training sets capped at 2,500 rows so a 10k-row table takes seconds). A
 * binary target is scored with ROC AUC of its second category (e.g. {@code 1}, {@code pos}); a
 * multi-class target with macro-F1. The ratio TSTR/TRTR near 1 means the synthetic data teaches a
 * model as much as the real data.
 */
public final class Utility {
  /** Training rows taken from each table (seeded subsample). */
  public static final int MAX_TRAIN_ROWS = 2500;

  /** Test rows taken from the real test table (seeded subsample). */
  public static final int MAX_TEST_ROWS = 2500;

  private Utility() {}

  /**
   * The result of a TSTR/TRTR comparison.
   *
   * @param target the target column
   * @param metric {@code AUROC} or {@code macroF1}
   * @param tstr the metric of the model trained on synthetic data, tested on real test data
   * @param trtr the metric of the model trained on real training data, tested on the same real test
   *     data
   * @param ratio tstr / trtr
   */
  public record Result(String target, String metric, double tstr, double trtr, double ratio) {}

  /**
   * Trains on synthetic and on real training rows, tests both on real test rows.
   *
   * @param train real training table (what the generator learned from)
   * @param test real rows neither model nor generator saw
   * @param synthetic synthetic table with the same columns
   * @param target a BINARY or CATEGORICAL column
   * @param seed seed for subsampling and the forests
   * @throws IllegalArgumentException when the target is missing or not discrete
   */
  public static Result tstr(Table train, Table test, Table synthetic, String target, long seed) {
    TableColumns.requireSameColumns(train, synthetic, "synthetic table");
    TableColumns.requireSameColumns(train, test, "test table");
    int t = train.schema().indexOf(target);
    if (t < 0) {
      throw new IllegalArgumentException(
          "No target column '" + target + "'; name a column of the table");
    }
    ColumnSchema column = train.schema().columns().get(t);
    if (!column.kind().isDiscrete()) {
      throw new IllegalArgumentException(
          "Target column '"
              + target
              + "' is "
              + column.kind()
              + "; utility needs a BINARY or CATEGORICAL target");
    }
    int classes = column.categories().size();
    int[] features =
        Arrays.stream(TableColumns.learned(train.schema())).filter(c -> c != t).toArray();
    Table realTrain = TableColumns.subsample(train, MAX_TRAIN_ROWS, seed);
    Table syn = TableColumns.subsample(synthetic, MAX_TRAIN_ROWS, seed + 1);
    Table realTest = TableColumns.subsample(test, MAX_TEST_ROWS, seed + 2);
    FeatureEncoder encoder = FeatureEncoder.fit(realTrain, features);
    String metric = classes == 2 ? "AUROC" : "macroF1";
    double trtr = score(encoder, realTrain, realTest, t, classes, seed + 3);
    double tstr = score(encoder, syn, realTest, t, classes, seed + 3);
    double ratio = trtr > 0 ? tstr / trtr : Double.NaN;
    return new Result(target, metric, tstr, trtr, ratio);
  }

  private static double score(
      FeatureEncoder encoder, Table trainOn, Table testOn, int target, int classes, long seed) {
    List<double[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int i = 0; i < trainOn.rowCount(); i++) {
      double y = trainOn.value(i, target);
      if (!Double.isNaN(y)) {
        rows.add(encoder.encode(trainOn, i));
        labels.add((int) y);
      }
    }
    if (rows.isEmpty() || labels.stream().distinct().count() < 2) {
      // one class only: the model can only predict it, which scores as chance
      return classes == 2 ? 0.5 : Double.NaN;
    }
    Classifiers.Fitted model =
        Classifiers.train(
            Classifiers.Kind.RANDOM_FOREST,
            encoder.names(),
            rows,
            labels.stream().mapToInt(Integer::intValue).toArray(),
            seed);
    List<Double> positive = new ArrayList<>();
    List<Double> negative = new ArrayList<>();
    List<Integer> truth = new ArrayList<>();
    List<Integer> predicted = new ArrayList<>();
    for (int i = 0; i < testOn.rowCount(); i++) {
      double y = testOn.value(i, target);
      if (Double.isNaN(y)) {
        continue;
      }
      double[] x = encoder.encode(testOn, i);
      if (classes == 2) {
        (y == 1 ? positive : negative).add(model.score(x, 1));
      } else {
        truth.add((int) y);
        predicted.add(model.predict(x));
      }
    }
    if (classes == 2) {
      return RankMetrics.auc(
          positive.stream().mapToDouble(Double::doubleValue).toArray(),
          negative.stream().mapToDouble(Double::doubleValue).toArray());
    }
    return RankMetrics.macroF1(
        truth.stream().mapToInt(Integer::intValue).toArray(),
        predicted.stream().mapToInt(Integer::intValue).toArray(),
        classes);
  }
}

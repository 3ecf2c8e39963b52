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
    int t = discreteTarget(train, target);
    int classes = train.schema().columns().get(t).categories().size();
    int[] features = features(train, t);
    Table realTrain = TableColumns.subsample(train, MAX_TRAIN_ROWS, seed);
    Table syn = TableColumns.subsample(synthetic, MAX_TRAIN_ROWS, seed + 1);
    Table realTest = TableColumns.subsample(test, MAX_TEST_ROWS, seed + 2);
    FeatureEncoder encoder = FeatureEncoder.fit(realTrain, features);
    String metric = metricName(classes);
    double trtr = score(encoder, realTrain, realTest, t, classes, seed + 3);
    double tstr = score(encoder, syn, realTest, t, classes, seed + 3);
    double ratio = trtr > 0 ? tstr / trtr : Double.NaN;
    return new Result(target, metric, tstr, trtr, ratio);
  }

  /**
   * A classifier's predictions on real test rows, kept row by row so that two classifiers tested on
   * the same rows can be compared on the same resamples of them (a paired bootstrap). Rows whose
   * target is missing are left out.
   *
   * @param metric {@code AUROC} (binary target) or {@code macroF1}
   * @param classes the target's number of categories
   * @param truth each test row's class
   * @param scores each row's score of the second category (binary target), else empty
   * @param predicted each row's predicted class (multi-class target), else empty
   */
  public record Predictions(
      String metric, int classes, int[] truth, double[] scores, int[] predicted) {

    /** The metric over all the test rows. */
    public double value() {
      int[] all = new int[truth.length];
      for (int i = 0; i < all.length; i++) {
        all[i] = i;
      }
      return value(all);
    }

    /** The metric over the chosen rows (indices into {@link #truth}, repeats allowed). */
    public double value(int[] rows) {
      if (classes == 2) {
        int positives = 0;
        for (int r : rows) {
          positives += truth[r] == 1 ? 1 : 0;
        }
        double[] positive = new double[positives];
        double[] negative = new double[rows.length - positives];
        int p = 0;
        int n = 0;
        for (int r : rows) {
          if (truth[r] == 1) {
            positive[p++] = scores[r];
          } else {
            negative[n++] = scores[r];
          }
        }
        return RankMetrics.auc(positive, negative);
      }
      int[] t = new int[rows.length];
      int[] y = new int[rows.length];
      for (int i = 0; i < rows.length; i++) {
        t[i] = truth[rows[i]];
        y[i] = predicted[rows[i]];
      }
      return RankMetrics.macroF1(t, y, classes);
    }
  }

  /**
   * Trains the utility classifier on {@code trainOn} (at most {@value #MAX_TRAIN_ROWS} rows) and
   * predicts every row of {@code test} whose target is present; the features are encoded as fitted
   * on {@code test}'s rows (their values, never their target), so classifiers trained on different
   * tables and tested on the same rows see the same encoding.
   *
   * @return the predictions, or empty when {@code trainOn} holds fewer than two classes of the
   *     target (a classifier cannot be trained)
   * @throws IllegalArgumentException when the target is missing or not discrete
   */
  public static java.util.Optional<Predictions> predictions(
      Table trainOn, Table test, String target, long seed) {
    TableColumns.requireSameColumns(test, trainOn, "training table");
    int t = discreteTarget(test, target);
    int classes = test.schema().columns().get(t).categories().size();
    Table train = TableColumns.subsample(trainOn, MAX_TRAIN_ROWS, seed);
    FeatureEncoder encoder = FeatureEncoder.fit(test, features(test, t));
    return java.util.Optional.ofNullable(predict(encoder, train, test, t, classes, seed + 1));
  }

  private static int[] features(Table table, int target) {
    return Arrays.stream(TableColumns.learned(table.schema())).filter(c -> c != target).toArray();
  }

  private static String metricName(int classes) {
    return classes == 2 ? "AUROC" : "macroF1";
  }

  /** The index of {@code target} in {@code table}, checked to be a discrete column. */
  private static int discreteTarget(Table table, String target) {
    int t = table.schema().indexOf(target);
    if (t < 0) {
      throw new IllegalArgumentException(
          "No target column '" + target + "'; name a column of the table");
    }
    ColumnSchema column = table.schema().columns().get(t);
    if (!column.kind().isDiscrete()) {
      throw new IllegalArgumentException(
          "Target column '"
              + target
              + "' is "
              + column.kind()
              + "; utility needs a BINARY or CATEGORICAL target");
    }
    return t;
  }

  private static double score(
      FeatureEncoder encoder, Table trainOn, Table testOn, int target, int classes, long seed) {
    Predictions predictions = predict(encoder, trainOn, testOn, target, classes, seed);
    if (predictions == null) {
      // one class only: the model can only predict it, which scores as chance
      return classes == 2 ? 0.5 : Double.NaN;
    }
    return predictions.value();
  }

  /** The classifier's predictions on {@code testOn}; null when {@code trainOn} has one class. */
  private static Predictions predict(
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
      return null;
    }
    Classifiers.Fitted model =
        Classifiers.train(
            Classifiers.Kind.RANDOM_FOREST,
            encoder.names(),
            rows,
            labels.stream().mapToInt(Integer::intValue).toArray(),
            seed);
    List<Integer> truth = new ArrayList<>();
    List<Double> scores = new ArrayList<>();
    List<Integer> predicted = new ArrayList<>();
    for (int i = 0; i < testOn.rowCount(); i++) {
      double y = testOn.value(i, target);
      if (Double.isNaN(y)) {
        continue;
      }
      double[] x = encoder.encode(testOn, i);
      truth.add((int) y);
      if (classes == 2) {
        scores.add(model.score(x, 1));
      } else {
        predicted.add(model.predict(x));
      }
    }
    return new Predictions(
        metricName(classes),
        classes,
        truth.stream().mapToInt(Integer::intValue).toArray(),
        scores.stream().mapToDouble(Double::doubleValue).toArray(),
        predicted.stream().mapToInt(Integer::intValue).toArray());
  }
}

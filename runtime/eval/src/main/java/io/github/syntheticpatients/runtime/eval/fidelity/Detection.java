package io.github.syntheticpatients.runtime.eval.fidelity;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.stats.Classifiers;
import io.github.syntheticpatients.runtime.eval.stats.FeatureEncoder;
import io.github.syntheticpatients.runtime.eval.stats.RankMetrics;
import io.github.syntheticpatients.runtime.eval.stats.TableColumns;
import java.util.ArrayList;
import java.util.List;

/**
 * How well a classifier tells real rows from synthetic ones, as SDMetrics' {@code
 * LogisticDetection}: a logistic regression on the encoded columns, stratified 3-fold
 * cross-validation, the mean ROC AUC over folds. An AUC of 0.5 means indistinguishable (ideal); 1.0
 * means every synthetic row is recognisable. SDMetrics reports {@link #score(double)} = 1 −
 * (2·max(AUC, 0.5) − 1).
 */
public final class Detection {
  /** Rows taken from each table (seeded subsample), which keeps the metric to about a second. */
  public static final int MAX_ROWS_PER_TABLE = 2000;

  private static final int FOLDS = 3;

  private Detection() {}

  /**
   * Cross-validated AUC of a logistic regression separating real from synthetic rows.
   *
   * @param real the real table
   * @param synthetic the synthetic table (same columns)
   * @param seed seed for subsampling, fold assignment and the classifier
   */
  public static double auc(Table real, Table synthetic, long seed) {
    TableColumns.requireSameColumns(real, synthetic, "synthetic table");
    Table r = TableColumns.subsample(real, MAX_ROWS_PER_TABLE, seed);
    Table s = TableColumns.subsample(synthetic, MAX_ROWS_PER_TABLE, seed + 1);
    if (r.rowCount() < FOLDS || s.rowCount() < FOLDS) {
      return Double.NaN;
    }
    int[] columns = TableColumns.learned(real.schema());
    FeatureEncoder encoder = FeatureEncoder.fit(r, columns);
    String[] names = encoder.names();
    List<double[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    for (int i = 0; i < r.rowCount(); i++) {
      rows.add(encoder.encode(r, i));
      labels.add(0);
    }
    for (int i = 0; i < s.rowCount(); i++) {
      rows.add(encoder.encode(s, i));
      labels.add(1);
    }
    // stratified folds: shuffle each class, then deal its rows round-robin
    int[] fold = new int[rows.size()];
    int[] realOrder = TableColumns.permutation(r.rowCount(), seed + 2);
    int[] synOrder = TableColumns.permutation(s.rowCount(), seed + 3);
    for (int i = 0; i < realOrder.length; i++) {
      fold[realOrder[i]] = i % FOLDS;
    }
    for (int i = 0; i < synOrder.length; i++) {
      fold[r.rowCount() + synOrder[i]] = i % FOLDS;
    }
    double sum = 0;
    for (int k = 0; k < FOLDS; k++) {
      List<double[]> trainRows = new ArrayList<>();
      List<Integer> trainLabels = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (fold[i] != k) {
          trainRows.add(rows.get(i));
          trainLabels.add(labels.get(i));
        }
      }
      Classifiers.Fitted model =
          Classifiers.train(
              Classifiers.Kind.LOGISTIC,
              names,
              trainRows,
              trainLabels.stream().mapToInt(Integer::intValue).toArray(),
              seed + 10 + k);
      List<Double> synScores = new ArrayList<>();
      List<Double> realScores = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (fold[i] == k) {
          double p = model.score(rows.get(i), 1);
          (labels.get(i) == 1 ? synScores : realScores).add(p);
        }
      }
      sum +=
          RankMetrics.auc(
              synScores.stream().mapToDouble(Double::doubleValue).toArray(),
              realScores.stream().mapToDouble(Double::doubleValue).toArray());
    }
    return sum / FOLDS;
  }

  /** SDMetrics' detection score from an AUC: 1 − (2·max(AUC, 0.5) − 1); 1 is best. */
  public static double score(double auc) {
    return 1.0 - (2.0 * Math.max(auc, 0.5) - 1.0);
  }
}

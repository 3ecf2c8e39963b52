package io.github.syntheticpatients.runtime.eval.fidelity;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.stats.Classifiers;
import io.github.syntheticpatients.runtime.eval.stats.FeatureEncoder;
import io.github.syntheticpatients.runtime.eval.stats.RankMetrics;
import io.github.syntheticpatients.runtime.eval.stats.TableColumns;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How well a random forest tells real rows from synthetic ones: the detector that a generator which
 * learned no relationship between columns cannot fool (a logistic regression only sees each
 * column's shape; see {@code docs/evaluation.md}). The protocol is fidelity.md's: a balanced sample
 * of at most {@link #MAX_ROWS_PER_SIDE} rows a side, real and synthetic rows shuffled together,
 * stratified 5-fold cross-validation with folds drawn from their own seed (a fold order that
 * replays the subsample's permutation makes each real test fold a block of the file's order and
 * drags the AUC far below 0.5), a forest of {@value Classifiers#DETECTION_TREES} trees with leaves
 * of at least 2 rows. The result is the mean of the folds' ROC AUCs (pooling the out-of-fold scores
 * of five forests biases a stratified cross-validated AUC below 0.5 when nothing differs): 0.5
 * means indistinguishable, 1.0 every synthetic row recognisable. Below {@link #MIN_ROWS_FOR_SIGNAL}
 * rows a side the AUC is mostly noise (fresh real data can score under 0.5).
 */
public final class TreeDetection {
  /** Rows drawn from each side (seeded): keeps the metric to about two seconds on one core. */
  public static final int MAX_ROWS_PER_SIDE = 500;

  /** Rows a side below which the AUC is noise rather than a finding. */
  public static final int MIN_ROWS_FOR_SIGNAL = 300;

  private static final int FOLDS = 5;

  /** Mixed into the seed for the fold order, so the folds never replay the subsample's draw. */
  private static final long FOLD_STREAM = 0x5DEECE66DL;

  private TreeDetection() {}

  /**
   * Rows a side the detector uses for these tables: the smaller table, capped at {@link
   * #MAX_ROWS_PER_SIDE}.
   */
  public static int rowsPerSide(Table real, Table synthetic) {
    return Math.min(MAX_ROWS_PER_SIDE, Math.min(real.rowCount(), synthetic.rowCount()));
  }

  /**
   * Cross-validated AUC of the forest separating real from synthetic rows, NaN when a side has
   * fewer rows than folds.
   *
   * @param real the real table
   * @param synthetic the synthetic table (same columns)
   * @param seed seed for the subsamples, the fold order and the forests
   */
  public static double auc(Table real, Table synthetic, long seed) {
    double[] folds = foldAucs(real, synthetic, seed);
    if (folds.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double a : folds) {
      sum += a;
    }
    return sum / folds.length;
  }

  /**
   * The ROC AUC of each cross-validation fold, whose mean is {@link #auc}; their spread is the
   * estimate's noise. Two synthetic tables scored against the same real table with the same seed
   * get the same real rows in the same folds, so their fold AUCs are paired. Empty when a side has
   * fewer rows than folds.
   */
  public static double[] foldAucs(Table real, Table synthetic, long seed) {
    TableColumns.requireSameColumns(real, synthetic, "synthetic table");
    int n = rowsPerSide(real, synthetic);
    if (n < FOLDS) {
      return new double[0];
    }
    Table r = TableColumns.subsample(real, n, seed);
    Table s = TableColumns.subsample(synthetic, n, seed + 1);
    FeatureEncoder encoder = FeatureEncoder.fit(r, TableColumns.learned(real.schema()));
    List<double[]> rows = new ArrayList<>(2 * n);
    int[] labels = new int[2 * n];
    for (int i = 0; i < n; i++) {
      rows.add(encoder.encode(r, i));
    }
    for (int i = 0; i < n; i++) {
      rows.add(encoder.encode(s, i));
      labels[n + i] = 1;
    }
    int[] fold = stratifiedFolds(labels, new SplittableRandom(seed ^ FOLD_STREAM).nextLong());
    double[] aucs = new double[FOLDS];
    for (int k = 0; k < FOLDS; k++) {
      List<double[]> fitRows = new ArrayList<>();
      List<Integer> fitLabels = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (fold[i] != k) {
          fitRows.add(rows.get(i));
          fitLabels.add(labels[i]);
        }
      }
      Classifiers.Fitted forest =
          Classifiers.train(
              Classifiers.Kind.DETECTION_FOREST,
              encoder.names(),
              fitRows,
              fitLabels.stream().mapToInt(Integer::intValue).toArray(),
              seed + 10 + k);
      List<Double> synScores = new ArrayList<>();
      List<Double> realScores = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (fold[i] == k) {
          (labels[i] == 1 ? synScores : realScores).add(forest.score(rows.get(i), 1));
        }
      }
      aucs[k] = RankMetrics.auc(toArray(synScores), toArray(realScores));
    }
    return aucs;
  }

  private static double[] toArray(List<Double> values) {
    return values.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * A fold per row: all rows shuffled together, then each class dealt round-robin in that order, so
   * every fold holds an equal share of each class drawn from anywhere in the files.
   */
  static int[] stratifiedFolds(int[] labels, long seed) {
    int[] order = TableColumns.permutation(labels.length, seed);
    int[] fold = new int[labels.length];
    int[] dealt = new int[2];
    for (int i : order) {
      fold[i] = dealt[labels[i]]++ % FOLDS;
    }
    return fold;
  }
}

package io.github.syntheticpatients.runtime.eval.stats;

import java.util.Arrays;

/**
 * Threshold-free classifier metrics on scores: ROC AUC, TPR at a fixed FPR, and macro-F1 on labels.
 */
public final class RankMetrics {
  private RankMetrics() {}

  /**
   * ROC AUC = P(score of a positive > score of a negative) + ½ P(tie), computed from mid-ranks
   * (Mann–Whitney U). NaN when either class is empty.
   */
  public static double auc(double[] positives, double[] negatives) {
    int nP = positives.length;
    int nN = negatives.length;
    if (nP == 0 || nN == 0) {
      return Double.NaN;
    }
    double[] all = new double[nP + nN];
    System.arraycopy(positives, 0, all, 0, nP);
    System.arraycopy(negatives, 0, all, nP, nN);
    double[] ranks = midRanks(all);
    double rankSumPositives = 0;
    for (int k = 0; k < nP; k++) {
      rankSumPositives += ranks[k];
    }
    double u = rankSumPositives - nP * (nP + 1) / 2.0;
    return u / ((double) nP * nN);
  }

  /**
   * True-positive rate at the strictest threshold whose false-positive rate is at most {@code fpr}:
   * a record is flagged when its score is strictly above the threshold.
   */
  public static double tprAtFpr(double[] positives, double[] negatives, double fpr) {
    if (positives.length == 0 || negatives.length == 0) {
      return Double.NaN;
    }
    double[] neg = negatives.clone();
    Arrays.sort(neg);
    int allowed = (int) Math.floor(fpr * neg.length);
    // flagging scores > neg[len-1-allowed] lets at most `allowed` negatives through
    double threshold = neg[neg.length - 1 - allowed];
    int hits = 0;
    for (double p : positives) {
      if (p > threshold) {
        hits++;
      }
    }
    return (double) hits / positives.length;
  }

  /**
   * Macro-averaged F1 over the classes {@code 0..classes-1}; a class never predicted nor present
   * scores 0.
   */
  public static double macroF1(int[] truth, int[] predicted, int classes) {
    double sum = 0;
    int counted = 0;
    for (int c = 0; c < classes; c++) {
      int tp = 0;
      int fp = 0;
      int fn = 0;
      for (int i = 0; i < truth.length; i++) {
        boolean t = truth[i] == c;
        boolean p = predicted[i] == c;
        if (t && p) {
          tp++;
        } else if (p) {
          fp++;
        } else if (t) {
          fn++;
        }
      }
      if (tp + fp + fn == 0) {
        continue; // class absent from both: sklearn's labels=present classes
      }
      sum += 2.0 * tp / (2.0 * tp + fp + fn);
      counted++;
    }
    return counted == 0 ? Double.NaN : sum / counted;
  }

  /** Share of equal labels. */
  public static double accuracy(int[] truth, int[] predicted) {
    int hits = 0;
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] == predicted[i]) {
        hits++;
      }
    }
    return truth.length == 0 ? Double.NaN : (double) hits / truth.length;
  }

  /** Mid-ranks (1-based; tied values share their mean rank), in the input's order. */
  public static double[] midRanks(double[] values) {
    Integer[] order = new Integer[values.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(values[x], values[y]));
    double[] ranks = new double[values.length];
    int i = 0;
    while (i < order.length) {
      int j = i;
      while (j + 1 < order.length && Double.compare(values[order[j + 1]], values[order[i]]) == 0) {
        j++;
      }
      double mid = (i + j) / 2.0 + 1.0;
      for (int r = i; r <= j; r++) {
        ranks[order[r]] = mid;
      }
      i = j + 1;
    }
    return ranks;
  }
}

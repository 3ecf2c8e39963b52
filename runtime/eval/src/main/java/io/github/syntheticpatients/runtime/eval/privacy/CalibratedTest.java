package io.github.syntheticpatients.runtime.eval.privacy;

import io.github.syntheticpatients.runtime.eval.stats.RankMetrics;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One-sided tests of "synthetic-vs-train is worse than fresh-real-vs-train", calibrated on the data
 * itself (docs/privacy.md §9). Under the null hypothesis the synthetic rows behave like fresh real
 * rows, so the synthetic and holdout values of a statistic are exchangeable: shuffling the labels
 * gives the null distribution at this n, with these ties and these natural duplicates, and no
 * normal approximation.
 */
public final class CalibratedTest {
  private CalibratedTest() {}

  /**
   * The result of one test.
   *
   * @param observed the statistic
   * @param nullValue its centre under the null (0 for an excess, 0.5 for an AUC)
   * @param critical the smallest value that the test rejects at its α (what this size can detect);
   *     +∞ when no value could be rejected at this size
   * @param pValue one-sided p-value, (1 + #null ≥ observed) / (1 + permutations)
   */
  record Outcome(double observed, double nullValue, double critical, double pValue) {
    /** Whether the test rejects at α and the effect reaches the minimum material size. */
    boolean rejects(double alpha, double minEffect) {
      return pValue <= alpha && observed >= nullValue + minEffect;
    }

    /**
     * The value the statistic must exceed to fail: the critical value or the minimum effect,
     * whichever is larger.
     */
    double limit(double minEffect) {
      return Math.max(critical, nullValue + minEffect);
    }
  }

  /** Tests whether mean(a) exceeds mean(b) (e.g. a share of copies, of correct guesses). */
  static Outcome meanExcess(double[] a, double[] b, double alpha, int permutations, long seed) {
    int nA = a.length;
    int nB = b.length;
    if (nA == 0 || nB == 0) {
      return new Outcome(Double.NaN, 0, Double.POSITIVE_INFINITY, 1);
    }
    double[] pooled = concat(a, b);
    double total = Arrays.stream(pooled).sum();
    // mean(a) - mean(b) is linear in sum(a), so only the group sums are permuted
    return test(pooled, nA, sumA -> sumA / nA - (total - sumA) / nB, 0, alpha, permutations, seed);
  }

  /**
   * Tests whether the scores of a rank above those of b: AUC = P(a > b) + ½ P(tie), 0.5 under the
   * null.
   */
  static Outcome aucExcess(double[] a, double[] b, double alpha, int permutations, long seed) {
    int nA = a.length;
    int nB = b.length;
    if (nA == 0 || nB == 0) {
      return new Outcome(Double.NaN, 0.5, Double.POSITIVE_INFINITY, 1);
    }
    // mid-ranks of the pooled scores do not change when labels are shuffled; the AUC is linear in
    // a's rank sum
    double[] ranks = RankMetrics.midRanks(concat(a, b));
    double offset = nA * (nA + 1) / 2.0;
    double scale = (double) nA * nB;
    return test(ranks, nA, sumA -> (sumA - offset) / scale, 0.5, alpha, permutations, seed);
  }

  /**
   * Exact conditional test of two counts of rare events: {@code a} events among {@code nA} rows
   * against {@code b} among {@code nB}. Given a + b events, a is binomial(a + b, nA / (nA + nB))
   * under equal rates. The critical value is the largest count of {@code a} that would pass given
   * this {@code b}.
   */
  static Outcome countExcess(int a, int nA, int b, int nB, double alpha) {
    double p = (double) nA / (nA + nB);
    double pValue = binomialUpperTails(a + b, p)[a];
    int passing = 0;
    while (binomialUpperTails(passing + 1 + b, p)[passing + 1] > alpha) {
      passing++;
    }
    double expected = nB == 0 ? 0 : (double) b * nA / nB;
    return new Outcome(a, expected, passing, pValue);
  }

  /** {@code tail[x]} = P(X ≥ x) for X ~ binomial(n, p), x = 0 … n + 1. */
  static double[] binomialUpperTails(int n, double p) {
    double[] logFactorial = new double[n + 1];
    for (int i = 2; i <= n; i++) {
      logFactorial[i] = logFactorial[i - 1] + Math.log(i);
    }
    double[] tail = new double[n + 2];
    for (int i = n; i >= 0; i--) {
      double logPmf =
          logFactorial[n]
              - logFactorial[i]
              - logFactorial[n - i]
              + (i == 0 ? 0 : i * Math.log(p))
              + (n - i == 0 ? 0 : (n - i) * Math.log1p(-p));
      tail[i] = Math.min(1, tail[i + 1] + Math.exp(logPmf));
    }
    tail[0] = 1;
    return tail;
  }

  /** Wilson score interval of a proportion at 95 %: {low, high}. */
  static double[] wilson(double share, int n) {
    if (n == 0 || Double.isNaN(share)) {
      return new double[] {Double.NaN, Double.NaN};
    }
    double z = 1.959964;
    double z2 = z * z;
    double centre = (share + z2 / (2 * n)) / (1 + z2 / n);
    double half = z * Math.sqrt(share * (1 - share) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
    return new double[] {Math.max(0, centre - half), Math.min(1, centre + half)};
  }

  private static Outcome test(
      double[] values,
      int nA,
      java.util.function.DoubleUnaryOperator statistic,
      double nullValue,
      double alpha,
      int permutations,
      long seed) {
    double observed = 0;
    for (int i = 0; i < nA; i++) {
      observed += values[i];
    }
    observed = statistic.applyAsDouble(observed);
    double[] shuffled = values.clone();
    double[] nulls = new double[permutations];
    SplittableRandom random = new SplittableRandom(seed);
    for (int p = 0; p < permutations; p++) {
      // partial Fisher-Yates: the first nA positions become a uniform random subset
      double sum = 0;
      for (int i = 0; i < nA; i++) {
        int j = i + random.nextInt(shuffled.length - i);
        double swap = shuffled[i];
        shuffled[i] = shuffled[j];
        shuffled[j] = swap;
        sum += shuffled[i];
      }
      nulls[p] = statistic.applyAsDouble(sum);
    }
    Arrays.sort(nulls);
    double tolerance = 1e-12;
    int atLeast = 0;
    for (double v : nulls) {
      if (v >= observed - tolerance) {
        atLeast++;
      }
    }
    double pValue = (1.0 + atLeast) / (1.0 + permutations);
    // rejects when #null ≥ x is at most K = floor(α (B + 1)) − 1, i.e. when x exceeds the (K +
    // 1)-th largest null
    // (α ≥ 1 rejects everything: the critical value is then the smallest null value)
    int k = (int) Math.min(permutations - 1, Math.floor(alpha * (permutations + 1)) - 1);
    double critical = k < 0 ? Double.POSITIVE_INFINITY : nulls[permutations - 1 - k];
    return new Outcome(observed, nullValue, critical, pValue);
  }

  private static double[] concat(double[] a, double[] b) {
    double[] all = new double[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}

package io.github.syntheticpatients.runtime.eval.privacy;

import io.github.syntheticpatients.runtime.eval.stats.RankMetrics;
import java.util.Arrays;

/**
 * The membership-inference attacks of docs/privacy.md §8 and §11, run on training rows (members)
 * against holdout rows (non-members) the generator never saw. A record the attacker scores higher
 * is guessed to be a member.
 *
 * <ul>
 *   <li><b>distance</b> (GAN-Leaks, arXiv 1909.03935): score = −DCR(x, S);
 *   <li><b>density</b> (DOMIAS, arXiv 2302.12580, k-nearest-neighbour densities): score = log
 *       p_S(x) / p_R(x), estimated as log d_k(x, R) − log d_k(x, S) (the dimension and the set
 *       sizes only shift and scale it). R is half of the holdout, disjoint from the non-members
 *       scored, so the attack is fair to them.
 * </ul>
 *
 * Under the null (the synthetic rows are fresh real rows) members and non-members are exchangeable,
 * so the label permutation test of {@link CalibratedTest} calibrates each AUC exactly.
 */
public final class MembershipAttacks {
  /** Neighbours of the density estimate. */
  static final int DENSITY_K = 1;

  private static final double EPSILON = 1e-9;

  private MembershipAttacks() {}

  /**
   * One attack's scores and headline figures.
   *
   * @param name {@code distance} or {@code density}
   * @param members scores of training rows
   * @param nonMembers scores of holdout rows
   * @param auc P(member scores above non-member) + ½ ties; 0.5 for a generator that learned no row
   * @param tprAt1PctFpr share of members flagged at the threshold that flags at most 1 % of
   *     non-members
   * @param tprAt10PctFpr the same at 10 %
   */
  public record Attack(
      String name,
      double[] members,
      double[] nonMembers,
      double auc,
      double tprAt1PctFpr,
      double tprAt10PctFpr) {
    static Attack of(String name, double[] members, double[] nonMembers) {
      return new Attack(
          name,
          members,
          nonMembers,
          RankMetrics.auc(members, nonMembers),
          RankMetrics.tprAtFpr(members, nonMembers, 0.01),
          RankMetrics.tprAtFpr(members, nonMembers, 0.10));
    }
  }

  /**
   * GAN-Leaks: members and non-members scored by their negated distance to the closest synthetic
   * row.
   */
  static Attack distance(double[] membersToSynthetic, double[] nonMembersToSynthetic) {
    return Attack.of("distance", negate(membersToSynthetic), negate(nonMembersToSynthetic));
  }

  /**
   * DOMIAS with k-nearest-neighbour densities.
   *
   * @param members training rows (as many as non-members are used)
   * @param holdout holdout rows: the first half are the non-members, the rest the reference set R
   * @param synthetic the synthetic rows
   */
  static Attack density(
      MixedDistance.Rows members, MixedDistance.Rows holdout, MixedDistance.Rows synthetic) {
    int nonMembers = holdout.count / 2;
    int reference = holdout.count - nonMembers;
    int n = Math.min(nonMembers, members.count);
    if (n < 2 || reference < 1 || synthetic.count < 1) {
      return new Attack(
          "density", new double[0], new double[0], Double.NaN, Double.NaN, Double.NaN);
    }
    int k = Math.max(1, Math.min(DENSITY_K, Math.min(reference, synthetic.count)));
    MixedDistance.Rows referenceRows = slice(holdout, nonMembers, reference);
    double[] memberScores = new double[n];
    double[] nonMemberScores = new double[n];
    for (int i = 0; i < n; i++) {
      memberScores[i] = logRatio(members, i, synthetic, referenceRows, k);
      nonMemberScores[i] = logRatio(holdout, i, synthetic, referenceRows, k);
    }
    return Attack.of("density", memberScores, nonMemberScores);
  }

  private static double logRatio(
      MixedDistance.Rows queries,
      int i,
      MixedDistance.Rows synthetic,
      MixedDistance.Rows reference,
      int k) {
    return Math.log(kthNearest(queries, i, reference, k) + EPSILON)
        - Math.log(kthNearest(queries, i, synthetic, k) + EPSILON);
  }

  /** Distance from query row i to its k-th nearest reference row. */
  static double kthNearest(MixedDistance.Rows queries, int i, MixedDistance.Rows reference, int k) {
    // a sorted array of the k smallest distances so far; the largest bounds the early stop
    double[] best = new double[k];
    Arrays.fill(best, Double.POSITIVE_INFINITY);
    for (int j = 0; j < reference.count; j++) {
      double d = queries.distance(i, reference, j, best[k - 1]);
      if (d < best[k - 1]) {
        int p = k - 1;
        while (p > 0 && best[p - 1] > d) {
          best[p] = best[p - 1];
          p--;
        }
        best[p] = d;
      }
    }
    return best[k - 1];
  }

  private static MixedDistance.Rows slice(MixedDistance.Rows rows, int from, int count) {
    double[] data = Arrays.copyOfRange(rows.data, from * rows.d, (from + count) * rows.d);
    return new MixedDistance.Rows(data, count, rows.d, rows.continuousFlags());
  }

  private static double[] negate(double[] values) {
    return Arrays.stream(values).map(v -> -v).toArray();
  }
}

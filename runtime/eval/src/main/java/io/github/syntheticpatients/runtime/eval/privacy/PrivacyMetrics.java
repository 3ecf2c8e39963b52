package io.github.syntheticpatients.runtime.eval.privacy;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.fidelity.Utility;
import io.github.syntheticpatients.runtime.eval.stats.Classifiers;
import io.github.syntheticpatients.runtime.eval.stats.FeatureEncoder;
import io.github.syntheticpatients.runtime.eval.stats.TableColumns;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Computes the {@link PrivacyReport} of a synthetic table. Sizes are capped so a 10k-row table
 * takes seconds: T and H are subsampled to one common size m (at most {@link #MAX_REFERENCE_ROWS}),
 * S to at most m, and at most {@code maxQueryRows} rows of each are used as queries. Every draw is
 * seeded.
 */
public final class PrivacyMetrics {
  /** Default number of query rows (privacy.md §8 asks for n ≥ 1000 where the data allows). */
  public static final int DEFAULT_QUERY_ROWS = 2000;

  /** Cap on the neighbour-search reference tables. */
  /** Most training subsamples the DCR share is averaged over. */
  static final int MAX_DCR_REPEATS = 10;

  public static final int MAX_REFERENCE_ROWS = 20000;

  /** Default k of the rare-combination check: combinations seen fewer than k times are rare. */
  public static final int DEFAULT_RARE_K = 5;

  static final double IDENTICAL = 1e-6;
  private static final double NNDR_EPSILON = 1e-8;
  private static final int NNDR_RANK = 10;

  private PrivacyMetrics() {}

  /** {@link #compute(Table, Table, Table, String, long, int, int)} with default sizes. */
  public static PrivacyReport compute(
      Table train, Table holdout, Table synthetic, String sensitiveColumn, long seed) {
    return compute(
        train, holdout, synthetic, sensitiveColumn, seed, DEFAULT_QUERY_ROWS, DEFAULT_RARE_K);
  }

  /**
   * Computes every privacy metric.
   *
   * @param train the real rows the generator was trained on
   * @param holdout real rows the generator never saw, ideally as many as {@code train}; null when
   *     there are none
   * @param synthetic the synthetic rows
   * @param sensitiveColumn column for the attribute-disclosure checks, or null to skip them
   * @param seed seed of every subsample and classifier
   * @param maxQueryRows cap on query rows
   * @param rareK combinations seen fewer than this many times are rare
   */
  public static PrivacyReport compute(
      Table train,
      Table holdout,
      Table synthetic,
      String sensitiveColumn,
      long seed,
      int maxQueryRows,
      int rareK) {
    boolean hasHoldout = holdout != null && holdout.rowCount() > 0;
    requireComparable(train, hasHoldout ? holdout : null, synthetic);
    int m =
        Math.min(
            MAX_REFERENCE_ROWS,
            hasHoldout ? Math.min(train.rowCount(), holdout.rowCount()) : train.rowCount());
    // permutations, so the first q rows of each reference table are its query rows (self-exclusion
    // by index)
    Table tRef = train.selectRows(TableColumns.sampleIndexes(train.rowCount(), m, seed));
    Table hRef =
        hasHoldout
            ? holdout.selectRows(TableColumns.sampleIndexes(holdout.rowCount(), m, seed + 1))
            : null;
    Table sRef =
        synthetic.selectRows(
            TableColumns.sampleIndexes(
                synthetic.rowCount(), Math.min(m, synthetic.rowCount()), seed + 2));
    int q = Math.min(maxQueryRows, Math.min(m, sRef.rowCount()));

    MixedDistance distance = MixedDistance.fittedOn(train);
    MixedDistance.Rows t = distance.rows(tRef);
    MixedDistance.Rows s = distance.rows(sRef);
    MixedDistance.Rows h = hasHoldout ? distance.rows(hRef) : null;
    MixedDistance.Rows sQ = head(s, q);
    MixedDistance.Rows tQ = head(t, q);
    MixedDistance.Rows hQ = hasHoldout ? head(h, q) : null;

    double[][] sToT = distance.nearestTwo(sQ, t, false);
    double[][] sToH = hasHoldout ? distance.nearestTwo(sQ, h, false) : null;
    double[] hToT = hasHoldout ? distance.nearest(hQ, t, false) : null;
    double[] tToS = distance.nearest(tQ, s, false);
    double[] hToS = hasHoldout ? distance.nearest(hQ, s, false) : null;
    double[] tToT = distance.nearest(tQ, t, true);
    double[] tToH = hasHoldout ? distance.nearest(tQ, h, false) : null;

    double overfitting = hasHoldout ? overfittingProtection(sToT[0], sToH[0], q) : Double.NaN;
    double dcrShare =
        hasHoldout
            ? averagedDcrShare(distance, train, hRef, synthetic, m, maxQueryRows, seed)
            : Double.NaN;
    double nndrT = nndr(sToT);
    double nndrH = hasHoldout ? nndr(sToH) : Double.NaN;
    double nndrRatio = hasHoldout ? nndrRatio(nndrT, nndrH) : Double.NaN;

    RowKeys keys = RowKeys.fittedOn(train, TableColumns.learned(train.schema()));
    Copies copies = copies(keys, train, hasHoldout ? holdout : null, synthetic);
    int[] uniqueCopies = trainingUniqueCopies(keys, train, hasHoldout ? holdout : null, synthetic);
    double miaAuc = Double.NaN;
    double miaTpr = Double.NaN;
    MembershipAttacks.Attack distanceAttack = null;
    MembershipAttacks.Attack densityAttack = null;
    if (hasHoldout) {
      distanceAttack = MembershipAttacks.distance(tToS, hToS);
      densityAttack = MembershipAttacks.density(tQ, h, s);
      miaAuc = distanceAttack.auc();
      miaTpr = distanceAttack.tprAt1PctFpr();
    }

    double identifiability = identified(tToS, tToT);
    double identifiabilityH = hasHoldout ? identified(tToH, tToT) : Double.NaN;

    double[][] rareHits = hasHoldout ? rareReproduction(keys, tRef, hRef, sRef, rareK) : null;
    double[] rare =
        hasHoldout
            ? new double[] {meanOrZero(rareHits[0]), meanOrZero(rareHits[1]), rareHits[1].length}
            : new double[] {Double.NaN, Double.NaN, 0};

    Disclosure disclosure =
        sensitiveColumn == null
            ? Disclosure.NONE
            : disclosure(
                train,
                tRef.selectRows(range(q)),
                hasHoldout ? hRef : null,
                sRef,
                requireSensitive(train, sensitiveColumn),
                q,
                seed);

    return new PrivacyReport(
        q,
        m,
        hasHoldout,
        sToT[0],
        hasHoldout ? sToH[0] : null,
        hToT,
        dcrShare,
        overfitting,
        nndrT,
        nndrH,
        nndrRatio,
        share(sToT[0], IDENTICAL),
        hasHoldout ? share(sToH[0], IDENTICAL) : Double.NaN,
        copies.copied(),
        copies.holdoutInTrain(),
        (double) copies.trainInSynthetic() / train.rowCount(),
        Arrays.stream(tToS).min().orElse(Double.NaN),
        miaAuc,
        miaTpr,
        sensitiveColumn,
        disclosure.protection(),
        disclosure.protectionHoldout(),
        disclosure.leakageTrain(),
        disclosure.leakageHoldout(),
        rare[0],
        rare[1],
        (int) rare[2],
        identifiability,
        identifiabilityH,
        uniqueCopies[0],
        uniqueCopies[1],
        uniqueCopies[2],
        synthetic.rowCount(),
        distanceAttack,
        densityAttack,
        disclosure.leakHits() == null ? null : disclosure.leakHits()[0],
        disclosure.leakHits() == null ? null : disclosure.leakHits()[1],
        rareHits == null ? null : rareHits[0],
        rareHits == null ? null : rareHits[1]);
  }

  private static void requireComparable(Table train, Table holdout, Table synthetic) {
    TableColumns.requireSameColumns(train, synthetic, "synthetic table");
    if (holdout != null) {
      TableColumns.requireSameColumns(train, holdout, "holdout table");
    }
    if (train.rowCount() < 2 || synthetic.rowCount() < 1) {
      throw new IllegalArgumentException(
          "Privacy metrics need at least 2 training rows and 1 synthetic row");
    }
  }

  /**
   * SDMetrics' DCROverfittingProtection: min(2 (1 − share of synthetic rows closer to training),
   * 1).
   */
  private static double overfittingProtection(double[] sToT, double[] sToH, int q) {
    double closer = 0;
    for (int i = 0; i < q; i++) {
      if (sToT[i] < sToH[i]) {
        closer++;
      }
    }
    return Math.min(2 * (1 - closer / q), 1);
  }

  /**
   * NNDR to training over NNDR to holdout; 1 when both are 0, infinite when only the holdout's is.
   */
  private static double nndrRatio(double nndrT, double nndrH) {
    return nndrH == 0 ? (nndrT == 0 ? 1 : Double.POSITIVE_INFINITY) : nndrT / nndrH;
  }

  /** Exact copies over all rows, by hashing (cheap, no cap). */
  private record Copies(int copied, int holdoutInTrain, int trainInSynthetic) {}

  private static Copies copies(RowKeys keys, Table train, Table holdout, Table synthetic) {
    Set<RowKeys.Key> trainKeys = new HashSet<>();
    for (int i = 0; i < train.rowCount(); i++) {
      trainKeys.add(keys.exact(train, i));
    }
    Set<RowKeys.Key> synKeys = new HashSet<>();
    int copied = 0;
    for (int i = 0; i < synthetic.rowCount(); i++) {
      RowKeys.Key key = keys.exact(synthetic, i);
      synKeys.add(key);
      if (trainKeys.contains(key)) {
        copied++;
      }
    }
    int holdoutInTrain = 0;
    if (holdout != null) {
      for (int i = 0; i < holdout.rowCount(); i++) {
        if (trainKeys.contains(keys.exact(holdout, i))) {
          holdoutInTrain++;
        }
      }
    }
    int trainInSyn = 0;
    for (int i = 0; i < train.rowCount(); i++) {
      if (synKeys.contains(keys.exact(train, i))) {
        trainInSyn++;
      }
    }

    return new Copies(copied, holdoutInTrain, trainInSyn);
  }

  /**
   * The attribute-disclosure numbers of one sensitive column; NaN (and no hits) where not
   * evaluated.
   */
  private record Disclosure(
      double protection,
      double protectionHoldout,
      double leakageTrain,
      double leakageHoldout,
      double[][] leakHits) {
    static final Disclosure NONE =
        new Disclosure(Double.NaN, Double.NaN, Double.NaN, Double.NaN, null);
  }

  /** The index of the sensitive column, which must be learned. */
  private static int requireSensitive(Table train, String sensitiveColumn) {
    int sc = train.schema().indexOf(sensitiveColumn);
    if (sc < 0 || !train.schema().columns().get(sc).isLearned()) {
      throw new IllegalArgumentException(
          "Sensitive column '"
              + sensitiveColumn
              + "' is not a learned column of the table; name one of "
              + Arrays.stream(TableColumns.learned(train.schema()))
                  .mapToObj(c -> train.schema().columns().get(c).name())
                  .toList());
    }
    return sc;
  }

  /**
   * Disclosure protection against the synthetic rows and, with a holdout, the holdout's and the
   * leakage.
   */
  private static Disclosure disclosure(
      Table train, Table tQuery, Table hRef, Table sRef, int sc, int q, long seed) {
    double dp = disclosureProtection(train, tQuery, sRef, sc);
    if (hRef == null) {
      return new Disclosure(dp, Double.NaN, Double.NaN, Double.NaN, null);
    }
    double dpH = disclosureProtection(train, tQuery, hRef, sc);
    double[][] leakHits = leakage(train, sRef, tQuery, hRef.selectRows(range(q)), sc, seed + 3);
    double leakT = leakHits == null ? Double.NaN : meanOrNaN(leakHits[0]);
    double leakH = leakHits == null ? Double.NaN : meanOrNaN(leakHits[1]);
    return new Disclosure(dp, dpH, leakT, leakH, leakHits);
  }

  /**
   * Copies of training-unique rows (G3): {synthetic rows equal to a row that occurs once in T and
   * nowhere in H, holdout rows equal to a row that occurs once in T and nowhere else in H (the
   * natural rate of such coincidences: a fresh real row is exchangeable with a holdout row), |H|}.
   * Without a holdout: {synthetic copies of rows unique in T, 0, 0}.
   */
  static int[] trainingUniqueCopies(RowKeys keys, Table train, Table holdout, Table synthetic) {
    Map<RowKeys.Key, Integer> trainCounts = new HashMap<>();
    for (int i = 0; i < train.rowCount(); i++) {
      trainCounts.merge(keys.exact(train, i), 1, Integer::sum);
    }
    Map<RowKeys.Key, Integer> holdoutCounts = new HashMap<>();
    for (int i = 0; holdout != null && i < holdout.rowCount(); i++) {
      holdoutCounts.merge(keys.exact(holdout, i), 1, Integer::sum);
    }
    int syntheticCopies = 0;
    for (int i = 0; i < synthetic.rowCount(); i++) {
      RowKeys.Key key = keys.exact(synthetic, i);
      if (trainCounts.getOrDefault(key, 0) == 1 && !holdoutCounts.containsKey(key)) {
        syntheticCopies++;
      }
    }
    if (holdout == null) {
      return new int[] {syntheticCopies, 0, 0};
    }
    int natural = 0;
    for (int i = 0; i < holdout.rowCount(); i++) {
      RowKeys.Key key = keys.exact(holdout, i);
      if (trainCounts.getOrDefault(key, 0) == 1 && holdoutCounts.get(key) == 1) {
        natural++;
      }
    }
    return new int[] {syntheticCopies, natural, holdout.rowCount()};
  }

  private static double meanOrZero(double[] values) {
    return values.length == 0 ? 0 : Arrays.stream(values).average().orElse(0);
  }

  private static double meanOrNaN(double[] values) {
    return values.length == 0 ? Double.NaN : Arrays.stream(values).average().orElse(Double.NaN);
  }

  private static MixedDistance.Rows head(MixedDistance.Rows rows, int q) {
    return new MixedDistance.Rows(rows.data, Math.min(q, rows.count), rows.d, continuousOf(rows));
  }

  private static boolean[] continuousOf(MixedDistance.Rows rows) {
    return rows.continuousFlags();
  }

  private static int[] range(int n) {
    int[] r = new int[n];
    for (int i = 0; i < n; i++) {
      r[i] = i;
    }
    return r;
  }

  private static double share(double[] values, double atMost) {
    int n = 0;
    for (double v : values) {
      if (v <= atMost) {
        n++;
      }
    }
    return values.length == 0 ? Double.NaN : (double) n / values.length;
  }

  /** The 10th smallest (d1 + ε)/(d2 + ε); the largest available when fewer rows. */
  /**
   * The DCR share averaged over several equal-size subsamples of the training rows, with every
   * synthetic row up to {@code maxQueryRows} as a query. One subsample of T the size of H leaves
   * the share at the mercy of which training rows were drawn (on a 400-row table a fresh real
   * sample scored anywhere from 0.45 to 0.58); averaging over ceil(|T|/m) subsamples (at most 10)
   * uses all of T and keeps the metric's definition.
   */
  static double averagedDcrShare(
      MixedDistance distance,
      Table train,
      Table hRef,
      Table synthetic,
      int m,
      int maxQueryRows,
      long seed) {
    int queries = Math.min(maxQueryRows, synthetic.rowCount());
    MixedDistance.Rows s =
        distance.rows(
            synthetic.selectRows(
                TableColumns.sampleIndexes(synthetic.rowCount(), queries, seed + 3)));
    MixedDistance.Rows h = distance.rows(hRef);
    double[] toH = distance.nearest(s, h, false);
    int repeats = Math.max(1, Math.min(MAX_DCR_REPEATS, (train.rowCount() + m - 1) / m));
    double total = 0;
    for (int r = 0; r < repeats; r++) {
      Table tSample =
          train.selectRows(TableColumns.sampleIndexes(train.rowCount(), m, seed + 100 + r));
      double[] toT = distance.nearest(s, distance.rows(tSample), false);
      double share = 0;
      for (int i = 0; i < queries; i++) {
        if (toT[i] < toH[i]) {
          share += 1;
        } else if (toT[i] == toH[i]) {
          share += 0.5;
        }
      }
      total += share / queries;
    }
    return total / repeats;
  }

  private static double nndr(double[][] nearestTwo) {
    double[] ratios = new double[nearestTwo[0].length];
    for (int i = 0; i < ratios.length; i++) {
      double d2 = Double.isNaN(nearestTwo[1][i]) ? nearestTwo[0][i] : nearestTwo[1][i];
      ratios[i] = (nearestTwo[0][i] + NNDR_EPSILON) / (d2 + NNDR_EPSILON);
    }
    Arrays.sort(ratios);
    return ratios.length == 0 ? Double.NaN : ratios[Math.min(NNDR_RANK, ratios.length) - 1];
  }

  /**
   * Share of rows whose distance to the other set is strictly below their distance to the nearest
   * other real row.
   */
  private static double identified(double[] toOther, double[] toOwn) {
    int n = 0;
    for (int i = 0; i < toOther.length; i++) {
      if (toOther[i] < toOwn[i]) {
        n++;
      }
    }
    return toOther.length == 0 ? Double.NaN : (double) n / toOther.length;
  }

  /**
   * Rare-combination reproduction: {one indicator per row of T in a rare combination (1 when S has
   * it), the same for H}. A combination is the binned key of every learned column.
   */
  private static double[][] rareReproduction(
      RowKeys keys, Table tRef, Table hRef, Table sRef, int k) {
    Set<RowKeys.Key> synthetic = new HashSet<>();
    for (int i = 0; i < sRef.rowCount(); i++) {
      synthetic.add(new RowKeys.Key(keys.binned(sRef, i)));
    }
    return new double[][] {rareHits(keys, tRef, synthetic, k), rareHits(keys, hRef, synthetic, k)};
  }

  private static double[] rareHits(RowKeys keys, Table real, Set<RowKeys.Key> synthetic, int k) {
    Map<RowKeys.Key, Integer> counts = new HashMap<>();
    List<RowKeys.Key> rowKeys = new ArrayList<>(real.rowCount());
    for (int i = 0; i < real.rowCount(); i++) {
      RowKeys.Key key = new RowKeys.Key(keys.binned(real, i));
      rowKeys.add(key);
      counts.merge(key, 1, Integer::sum);
    }
    List<Double> hits = new ArrayList<>();
    for (RowKeys.Key key : rowKeys) {
      if (counts.get(key) < k) {
        hits.add(synthetic.contains(key) ? 1.0 : 0.0);
      }
    }
    return hits.stream().mapToDouble(Double::doubleValue).toArray();
  }

  /**
   * GeneralizedCAP (SDMetrics {@code CategoricalGeneralizedCAP}): for each real row, the attacker
   * takes the synthetic rows closest in Hamming distance on the binned key columns (every learned
   * column but the sensitive one) and guesses the sensitive value; p = share of those rows with the
   * true value; CAP = 1 − mean p. DisclosureProtection = min(CAP / baseline, 1) with baseline = 1 −
   * 1/(number of sensitive values in T).
   */
  private static double disclosureProtection(
      Table train, Table real, Table attackerData, int sensitive) {
    int[] keyColumns =
        Arrays.stream(TableColumns.learned(train.schema())).filter(c -> c != sensitive).toArray();
    RowKeys keys = RowKeys.fittedOn(train, keyColumns);
    RowKeys target = RowKeys.fittedOn(train, new int[] {sensitive});
    Set<Long> values = new HashSet<>();
    for (int i = 0; i < train.rowCount(); i++) {
      values.add(target.binned(train, i)[0]);
    }
    double baseline = 1.0 - 1.0 / values.size();
    if (baseline <= 0) {
      return 1.0;
    }
    int d = keyColumns.length;
    long[] attacker = new long[attackerData.rowCount() * d];
    long[] attackerValue = new long[attackerData.rowCount()];
    for (int j = 0; j < attackerData.rowCount(); j++) {
      System.arraycopy(keys.binned(attackerData, j), 0, attacker, j * d, d);
      attackerValue[j] = target.binned(attackerData, j)[0];
    }
    double sumP = 0;
    for (int i = 0; i < real.rowCount(); i++) {
      long[] key = keys.binned(real, i);
      long truth = target.binned(real, i)[0];
      int best = Integer.MAX_VALUE;
      int matches = 0;
      int correct = 0;
      for (int j = 0; j < attackerData.rowCount(); j++) {
        int hamming = 0;
        int offset = j * d;
        for (int c = 0; c < d && hamming <= best; c++) {
          if (attacker[offset + c] != key[c]) {
            hamming++;
          }
        }
        if (hamming < best) {
          best = hamming;
          matches = 0;
          correct = 0;
        }
        if (hamming == best) {
          matches++;
          if (attackerValue[j] == truth) {
            correct++;
          }
        }
      }
      sumP += matches == 0 ? 0 : (double) correct / matches;
    }
    double cap = 1.0 - sumP / real.rowCount();
    return Math.min(cap / baseline, 1.0);
  }

  /**
   * Attribute leakage (synthcity DataLeakage style): a forest trained on S predicts the sensitive
   * column (binned when continuous) from the other columns; returns {1 per correctly guessed
   * training row else 0, the same for holdout rows}, or null when there is no other column.
   */
  private static double[][] leakage(
      Table train, Table synthetic, Table members, Table nonMembers, int sensitive, long seed) {
    int[] features =
        Arrays.stream(TableColumns.learned(train.schema())).filter(c -> c != sensitive).toArray();
    if (features.length == 0) {
      return null;
    }
    RowKeys target = RowKeys.fittedOn(train, new int[] {sensitive});
    FeatureEncoder encoder = FeatureEncoder.fit(train, features);
    Map<Long, Integer> labelIndex = new HashMap<>();
    List<double[]> rows = new ArrayList<>();
    List<Integer> labels = new ArrayList<>();
    Table syn = TableColumns.subsample(synthetic, Utility.MAX_TRAIN_ROWS, seed);
    for (int i = 0; i < syn.rowCount(); i++) {
      long value = target.binned(syn, i)[0];
      rows.add(encoder.encode(syn, i));
      labels.add(labelIndex.computeIfAbsent(value, v -> labelIndex.size()));
    }
    if (labelIndex.size() < 2) {
      // a constant sensitive column in S: the attacker always guesses that value
      long only = labelIndex.keySet().iterator().next();
      return new double[][] {
        constantHits(target, members, only), constantHits(target, nonMembers, only)
      };
    }
    Classifiers.Fitted model =
        Classifiers.train(
            Classifiers.Kind.RANDOM_FOREST,
            encoder.names(),
            rows,
            labels.stream().mapToInt(Integer::intValue).toArray(),
            seed);
    return new double[][] {
      hits(model, encoder, target, labelIndex, members),
      hits(model, encoder, target, labelIndex, nonMembers)
    };
  }

  private static double[] constantHits(RowKeys target, Table real, long value) {
    double[] hits = new double[real.rowCount()];
    for (int i = 0; i < real.rowCount(); i++) {
      hits[i] = target.binned(real, i)[0] == value ? 1 : 0;
    }
    return hits;
  }

  private static double[] hits(
      Classifiers.Fitted model,
      FeatureEncoder encoder,
      RowKeys target,
      Map<Long, Integer> labelIndex,
      Table real) {
    double[] hits = new double[real.rowCount()];
    for (int i = 0; i < real.rowCount(); i++) {
      Integer truth = labelIndex.get(target.binned(real, i)[0]);
      hits[i] = truth != null && model.predict(encoder.encode(real, i)) == truth ? 1 : 0;
    }
    return hits;
  }
}

package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.data.Table;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * {@code auto}'s choice between the Gaussian copula and the CTGAN, by two figures measured on the
 * validation rows, each with the noise of its own estimate (no per-table constants):
 *
 * <ol>
 *   <li><b>Tree detection</b> ({@link
 *       io.github.syntheticpatients.runtime.eval.fidelity.TreeDetection}, 0.5 ideal): when the two
 *       AUCs differ beyond the noise of their paired fold differences, the candidate a random
 *       forest finds harder to tell from real rows is kept, whatever its quality score: column
 *       shapes and pair trends cannot see a model that learned no relationship, the forest can. A
 *       standard error from five folds is itself uncertain, so the bar is the Student t quantile
 *       (folds − 1 degrees of freedom) at the tail that {@value TabularTrainingJob#NOISE_Z} normal
 *       standard errors cut off: 2.87 standard errors for 5 folds. The folds share most of their
 *       training rows and one synthetic sample, so their spread understates the noise: two samples
 *       of one copula differed by up to 0.043 and called a clear difference in 1 of 8 seeds
 *       (docs/benchmarks/gan.md). So the difference must also reach {@value #MIN_TREE_DIFFERENCE},
 *       twice the spread of that no-difference comparison across seeds.
 *   <li>Otherwise <b>validation quality</b>: the CTGAN is kept only when it leads the copula by
 *       more than {@value TabularTrainingJob#NOISE_Z} standard errors of the paired bootstrap
 *       difference; ties go to the simpler copula.
 * </ol>
 *
 * So neither figure can prefer a candidate that is clearly worse on the tree detector. On small
 * validation parts both standard errors are large and the copula is kept.
 *
 * @param ganKept whether the CTGAN is kept
 * @param decidedBy {@code "tree detection"} or {@code "validation quality"}
 * @param reason the choice in words, with both figures and their spread (logged and recorded)
 * @param record the figures for the model's provenance
 */
record AutoChoice(boolean ganKept, String decidedBy, String reason, Map<String, Object> record) {
  /**
   * The smallest tree-detection AUC difference that decides, whatever its fold standard error:
   * twice the standard deviation (0.028, rounded up) of the difference between two samples of one
   * Gaussian copula across 8 seeds, on rotterdam with 477 validation rows (the detector uses at
   * most 500 a side).
   */
  static final double MIN_TREE_DIFFERENCE = 0.06;

  /**
   * One figure for both candidates.
   *
   * @param copula the copula's value
   * @param ctgan the CTGAN's value
   * @param copulaError the copula value's standard error
   * @param ctganError the CTGAN value's standard error
   * @param differenceError the standard error of ctgan − copula, from paired resamples or folds
   * @param bar how many standard errors make a difference clear
   */
  record Figure(
      double copula,
      double ctgan,
      double copulaError,
      double ctganError,
      double differenceError,
      double bar) {
    double difference() {
      return ctgan - copula;
    }

    /** Whether ctgan − copula lies beyond the noise (NaN figures never do). */
    boolean clear() {
      return Math.abs(difference()) > bar * differenceError;
    }

    Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("copula", copula);
      m.put("ctgan", ctgan);
      m.put("copulaStandardError", copulaError);
      m.put("ctganStandardError", ctganError);
      m.put("differenceStandardError", differenceError);
      m.put("standardErrorsForAClearDifference", bar);
      return m;
    }
  }

  /** Scores both candidates on the validation rows and chooses. */
  static AutoChoice of(Candidate copula, Candidate gan, Table validation, long seed) {
    return of(copula, gan, validation, seed, Names.COPULA_CTGAN);
  }

  /**
   * The names a choice speaks of: the incumbent (in the copula's place: kept on a tie) and the
   * challenger (in the CTGAN's place), short (figures) and long (the verdict).
   */
  record Names(String incumbent, String challenger, String incumbentLong, String challengerLong) {
    static final Names COPULA_CTGAN = new Names("copula", "ctgan", "Gaussian copula", "CTGAN");

    /** The names of two candidates by their generator kinds. */
    static Names of(Candidate incumbent, Candidate challenger) {
      return new Names(
          incumbent.generator(),
          challenger.generator(),
          TabularTrainingJob.label(incumbent),
          TabularTrainingJob.label(challenger));
    }
  }

  /**
   * Scores an incumbent and a challenger on the validation rows and chooses by the same rule;
   * {@link #ganKept()} then means the challenger is kept.
   */
  static AutoChoice of(Candidate copula, Candidate gan, Table validation, long seed, Names names) {
    int resamples = TabularTrainingJob.BOOTSTRAP_RESAMPLES;
    double[] copulaBoot = copula.bootstrapScores(validation, seed, resamples);
    double[] ganBoot = gan.bootstrapScores(validation, seed, resamples);
    Figure quality =
        new Figure(
            copula.validationScore(),
            gan.validationScore(),
            standardDeviation(copulaBoot),
            standardDeviation(ganBoot),
            TabularTrainingJob.standardDeviationOfDifference(ganBoot, copulaBoot),
            TabularTrainingJob.NOISE_Z);
    double[] copulaFolds = copula.treeDetectionFolds(validation, seed);
    double[] ganFolds = gan.treeDetectionFolds(validation, seed);
    Figure tree = foldFigure(copulaFolds, ganFolds);
    return decide(
        quality,
        tree,
        String.format(
            Locale.ROOT,
            "%d paired bootstrap resamples of %d validation rows",
            resamples,
            validation.rowCount()),
        String.format(Locale.ROOT, "%d paired cross-validation folds", copulaFolds.length),
        names);
  }

  /**
   * The tree-detection figure from the fold AUCs of both candidates (the same real rows in the same
   * folds): each mean's standard error is the folds' standard deviation / √folds, the difference's
   * that of the paired fold differences. NaN when there are no folds.
   */
  static Figure foldFigure(double[] copulaFolds, double[] ganFolds) {
    int k = copulaFolds.length;
    if (k < 2 || ganFolds.length != k) {
      return new Figure(
          mean(copulaFolds), mean(ganFolds), Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
    double root = Math.sqrt(k);
    double tail =
        new NormalDistribution(null, 0, 1).cumulativeProbability(TabularTrainingJob.NOISE_Z);
    double bar = new TDistribution(null, k - 1).inverseCumulativeProbability(tail);
    return new Figure(
        mean(copulaFolds),
        mean(ganFolds),
        standardDeviation(copulaFolds) / root,
        standardDeviation(ganFolds) / root,
        TabularTrainingJob.standardDeviationOfDifference(ganFolds, copulaFolds) / root,
        bar);
  }

  /** The rule of the class comment, on measured figures. */
  static AutoChoice decide(Figure quality, Figure tree, String qualityNoise, String treeNoise) {
    return decide(quality, tree, qualityNoise, treeNoise, Names.COPULA_CTGAN);
  }

  /** The rule of the class comment, on measured figures, between two named candidates. */
  static AutoChoice decide(
      Figure quality, Figure tree, String qualityNoise, String treeNoise, Names names) {
    boolean byTree = tree.clear() && Math.abs(tree.difference()) >= MIN_TREE_DIFFERENCE;
    boolean ganKept =
        byTree
            ? tree.difference() < 0
            : quality.difference() > quality.bar() * quality.differenceError();
    String kept = ganKept ? names.challengerLong() : names.incumbentLong();
    String decidedBy = byTree ? "tree detection" : "validation quality";
    String treeNoiseOnly =
        Double.isNaN(tree.bar())
            ? "too few validation rows for tree-detection folds"
            : "the tree-detection AUCs differ by no more than "
                + bar(tree)
                + " standard errors or by less than "
                + MIN_TREE_DIFFERENCE;
    String why =
        byTree
            ? "the tree-detection AUCs differ by more than "
                + bar(tree)
                + " standard errors and by at least "
                + MIN_TREE_DIFFERENCE
                + ", and the "
                + kept
                + " is the harder to tell from real rows"
            : treeNoiseOnly
                + ", and the "
                + names.challengerLong()
                + " "
                + (ganKept ? "leads" : "does not lead")
                + " on validation quality by more"
                + " than "
                + bar(quality)
                + " standard errors";
    String reason =
        String.format(
            Locale.ROOT,
            "auto: kept the %s (validation quality: %s %.4f, %s %.4f; difference %.4f, standard error %.4f from %s;"
                + " tree-detection AUC (0.5 ideal): %s %.3f ± %.3f, %s %.3f ± %.3f; difference %.3f, standard error"
                + " %.3f over %s): %s",
            kept,
            names.incumbent(),
            quality.copula(),
            names.challenger(),
            quality.ctgan(),
            quality.difference(),
            quality.differenceError(),
            qualityNoise,
            names.incumbent(),
            tree.copula(),
            tree.copulaError(),
            names.challenger(),
            tree.ctgan(),
            tree.ctganError(),
            tree.difference(),
            tree.differenceError(),
            treeNoise,
            why);
    Map<String, Object> record = new LinkedHashMap<>();
    // the quality figures keep their earlier keys
    record.put("copula", quality.copula());
    record.put("ctgan", quality.ctgan());
    record.put("differenceStandardError", quality.differenceError());
    record.put("copulaStandardError", quality.copulaError());
    record.put("ctganStandardError", quality.ctganError());
    record.put("standardErrorsForAClearDifference", quality.bar());
    record.put("treeDetectionAuc", tree.toMap());
    if (names != Names.COPULA_CTGAN) {
      record.put("incumbent", names.incumbent());
      record.put("challenger", names.challenger());
    }
    record.put("decidedBy", decidedBy);
    record.put("reason", reason);
    return new AutoChoice(ganKept, decidedBy, reason, record);
  }

  private static String bar(Figure f) {
    return String.format(Locale.ROOT, "%.2f", f.bar());
  }

  private static double mean(double[] values) {
    if (values.length == 0) {
      return Double.NaN;
    }
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return sum / values.length;
  }

  private static double standardDeviation(double[] values) {
    return TabularTrainingJob.standardDeviationOfDifference(values, new double[values.length]);
  }
}

package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.fidelity.TreeDetection;
import io.github.syntheticpatients.runtime.eval.fidelity.Utility;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * {@code auto}'s choice between an incumbent (the Gaussian copula) and a challenger (argn, or the
 * CTGAN), by three figures measured on the validation rows, each with the noise of its own estimate
 * (no per-table constants):
 *
 * <ol>
 *   <li><b>Tree detection</b> ({@link
 *       io.github.syntheticpatients.runtime.eval.fidelity.TreeDetection}, 0.5 ideal): column shapes
 *       and pair trends cannot see a model that learned no relationship, a random forest can. A
 *       difference is clear beyond the Student t quantile (folds − 1 degrees of freedom) at the
 *       tail that {@value TabularTrainingJob#NOISE_Z} normal standard errors cut off: 2.87 standard
 *       errors of the paired fold differences for 5 folds. The folds share most of their training
 *       rows and one synthetic sample, so their spread understates the noise by a factor of 1.5–2:
 *       two samples of one copula, compared over 10 seeds on four tables, were called clearly
 *       different by a 0.06 floor in 5 of 40 comparisons, all on validation parts under 500 rows
 *       (docs/benchmarks/gan.md, "auto's noise"). So the difference must also reach {@link
 *       #minTreeDifference}: twice the largest spread of that no-difference comparison across
 *       seeds, which falls as one over the square root of the rows the detector uses.
 *   <li><b>TSTR</b>, when the schema declares a discrete target ({@link
 *       io.github.syntheticpatients.runtime.eval.fidelity.Utility#predictions}): a classifier
 *       trained on each candidate's rows, tested on the same validation rows. A difference is clear
 *       beyond {@value TabularTrainingJob#NOISE_Z} standard errors of the paired bootstrap
 *       difference and at least {@value #MIN_UTILITY_DIFFERENCE}, twice the spread of the
 *       no-difference comparison across seeds (docs/benchmarks/gan.md, "auto's noise").
 *   <li><b>Validation quality</b> (column shapes and pair trends), clear beyond {@value
 *       TabularTrainingJob#NOISE_Z} standard errors of the paired bootstrap difference.
 * </ol>
 *
 * The challenger is kept when it is clearly worse on neither tree detection nor TSTR, and clearly
 * better on one of them, or, when neither is clear, clearly better on validation quality. Ties go
 * to the simpler incumbent: a model that is easier to detect or teaches a classifier less is never
 * preferred, whatever its other figures. On small validation parts the standard errors are large
 * and the incumbent is kept.
 *
 * @param ganKept whether the challenger is kept
 * @param decidedBy {@code "tree detection"}, {@code "TSTR"} or {@code "validation quality"}
 * @param reason the choice in words, with the figures and their spread (logged and recorded)
 * @param record the figures for the model's provenance
 */
record AutoChoice(boolean ganKept, String decidedBy, String reason, Map<String, Object> record) {
  /**
   * The spread of the no-difference tree-detection comparison, times the square root of the rows it
   * used, doubled: the largest of four shared tables (colon, 297 validation rows: sd 0.050, × √297
   * = 0.86; rotterdam 0.59, pima2 0.74, pbc 0.70), × 2, rounded up.
   */
  static final double TREE_NOISE_SCALE = 1.75;

  /**
   * The smallest tree-detection AUC difference that decides, whatever its fold standard error, on a
   * validation part of this many rows: {@value #TREE_NOISE_SCALE} / √rows, the rows capped at the
   * detector's {@value TreeDetection#MAX_ROWS_PER_SIDE} a side (0.078 from there on; 0.16 on 123
   * rows).
   */
  static double minTreeDifference(int validationRows) {
    int rows = Math.max(1, Math.min(validationRows, TreeDetection.MAX_ROWS_PER_SIDE));
    return TREE_NOISE_SCALE / Math.sqrt(rows);
  }

  /**
   * The smallest TSTR difference that decides, whatever its bootstrap standard error. The paired
   * bootstrap tracks the no-difference spread of two samples of one copula over 10 seeds
   * (rotterdam, 477 rows: sd 0.007, mean standard error 0.008; pima2, 123 rows: 0.027 and 0.035;
   * pbc, 67 rows: 0.029 and 0.039), so this floor only guards where the bootstrap sees almost no
   * spread: twice rotterdam's sd, rounded up (docs/benchmarks/gan.md, "auto's noise").
   */
  static final double MIN_UTILITY_DIFFERENCE = 0.02;

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
    /** No figure: nothing measured (no target), never clear. */
    static final Figure NONE =
        new Figure(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

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
    Figure utility = utilityFigure(copula, gan, validation, seed, resamples);
    return decide(
        quality,
        tree,
        utility,
        minTreeDifference(validation.rowCount()),
        String.format(
            Locale.ROOT,
            "%d paired bootstrap resamples of %d validation rows",
            resamples,
            validation.rowCount()),
        String.format(Locale.ROOT, "%d paired cross-validation folds", copulaFolds.length),
        names);
  }

  /**
   * The TSTR figure: each candidate's classifier scored on the same bootstrap resamples of the
   * validation rows. {@link Figure#NONE} when the schema declares no discrete target or a
   * candidate's rows hold one class of it.
   */
  static Figure utilityFigure(
      Candidate copula, Candidate gan, Table validation, long seed, int resamples) {
    String target = validation.schema().target();
    if (target == null
        || validation.schema().column(target).map(c -> !c.kind().isDiscrete()).orElse(true)) {
      return Figure.NONE;
    }
    Optional<Utility.Predictions> a = copula.utilityPredictions(validation, target, seed);
    Optional<Utility.Predictions> b = gan.utilityPredictions(validation, target, seed);
    if (a.isEmpty() || b.isEmpty()) {
      return Figure.NONE;
    }
    return utilityFigure(a.get(), b.get(), seed, resamples);
  }

  /** The TSTR figure from two classifiers' predictions on the same validation rows. */
  static Figure utilityFigure(
      Utility.Predictions a, Utility.Predictions b, long seed, int resamples) {
    int rows = a.truth().length;
    SplittableRandom random = new SplittableRandom(seed + 2);
    double[] copulaBoot = new double[resamples];
    double[] ganBoot = new double[resamples];
    int[] picks = new int[rows];
    for (int r = 0; r < resamples; r++) {
      for (int i = 0; i < rows; i++) {
        picks[i] = random.nextInt(rows);
      }
      copulaBoot[r] = a.value(picks);
      ganBoot[r] = b.value(picks);
    }
    return new Figure(
        a.value(),
        b.value(),
        standardDeviation(copulaBoot),
        standardDeviation(ganBoot),
        TabularTrainingJob.standardDeviationOfDifference(ganBoot, copulaBoot),
        TabularTrainingJob.NOISE_Z);
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

  /**
   * The rule of the class comment, on measured figures, without TSTR, on a validation part of at
   * least {@value TreeDetection#MAX_ROWS_PER_SIDE} rows.
   */
  static AutoChoice decide(Figure quality, Figure tree, String qualityNoise, String treeNoise) {
    return decide(
        quality,
        tree,
        Figure.NONE,
        minTreeDifference(TreeDetection.MAX_ROWS_PER_SIDE),
        qualityNoise,
        treeNoise,
        Names.COPULA_CTGAN);
  }

  /** The rule of the class comment, on measured figures, between two named candidates. */
  static AutoChoice decide(
      Figure quality,
      Figure tree,
      Figure utility,
      double minTree,
      String qualityNoise,
      String treeNoise,
      Names names) {
    boolean treeClear = tree.clear() && Math.abs(tree.difference()) >= minTree;
    boolean utilityClear =
        utility.clear() && Math.abs(utility.difference()) >= MIN_UTILITY_DIFFERENCE;
    // tree detection: lower is better; TSTR: higher is better
    boolean treeWorse = treeClear && tree.difference() > 0;
    boolean utilityWorse = utilityClear && utility.difference() < 0;
    boolean treeBetter = treeClear && tree.difference() < 0;
    boolean utilityBetter = utilityClear && utility.difference() > 0;
    boolean ganKept;
    String decidedBy;
    String why;
    if (treeWorse || utilityWorse) {
      ganKept = false;
      decidedBy = treeWorse ? "tree detection" : "TSTR";
      why = clearVerdict(names, "worse", treeWorse, utilityWorse, tree, utility, minTree);
    } else if (treeBetter || utilityBetter) {
      ganKept = true;
      decidedBy = treeBetter ? "tree detection" : "TSTR";
      why =
          clearVerdict(names, "better", treeBetter, utilityBetter, tree, utility, minTree)
              + " and clearly worse on neither";
    } else {
      ganKept = quality.difference() > quality.bar() * quality.differenceError();
      decidedBy = "validation quality";
      why =
          noClearDifference(tree, utility, minTree)
              + ", and the "
              + names.challengerLong()
              + " "
              + (ganKept ? "leads" : "does not lead")
              + " on validation quality by more"
              + " than "
              + bar(quality)
              + " standard errors";
    }
    String kept = ganKept ? names.challengerLong() : names.incumbentLong();
    String reason =
        String.format(
            Locale.ROOT,
            "auto: kept the %s (validation quality: %s %.4f, %s %.4f; difference %.4f, standard error %.4f from %s;"
                + " tree-detection AUC (0.5 ideal): %s %.3f ± %.3f, %s %.3f ± %.3f; difference %.3f, standard error"
                + " %.3f over %s%s): %s",
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
            Double.isNaN(utility.copula())
                ? "; no TSTR: the schema declares no discrete target"
                : String.format(
                    Locale.ROOT,
                    "; TSTR on the validation rows: %s %.3f, %s %.3f; difference %.3f, standard"
                        + " error %.3f from the same resamples",
                    names.incumbent(),
                    utility.copula(),
                    names.challenger(),
                    utility.ctgan(),
                    utility.difference(),
                    utility.differenceError()),
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
    if (!Double.isNaN(utility.copula())) {
      record.put("tstr", utility.toMap());
    }
    if (names != Names.COPULA_CTGAN) {
      record.put("incumbent", names.incumbent());
      record.put("challenger", names.challenger());
    }
    record.put("decidedBy", decidedBy);
    record.put("reason", reason);
    return new AutoChoice(ganKept, decidedBy, reason, record);
  }

  /**
   * "the challenger is clearly {@code side} on ..." for the figures that are, with the first one's
   * difference against its noise.
   */
  private static String clearVerdict(
      Names names,
      String side,
      boolean onTree,
      boolean onUtility,
      Figure tree,
      Figure utility,
      double minTree) {
    return "the "
        + names.challengerLong()
        + " is clearly "
        + side
        + " on "
        + (onTree && onUtility ? "tree detection and TSTR" : onTree ? "tree detection" : "TSTR")
        + " ("
        + clearly(onTree ? tree : utility, onTree, minTree)
        + ")";
  }

  /** How a clear figure's difference reads: its size against its noise and the minimum. */
  private static String clearly(Figure f, boolean isTree, double minTree) {
    return String.format(
        Locale.ROOT,
        "%s difference %+.3f, beyond %s standard errors of %.3f and at least %.3f",
        isTree ? "tree-detection AUC" : "TSTR",
        f.difference(),
        bar(f),
        f.differenceError(),
        isTree ? minTree : MIN_UTILITY_DIFFERENCE);
  }

  /** Why neither tree detection nor TSTR decided. */
  private static String noClearDifference(Figure tree, Figure utility, double minTree) {
    String treePart =
        Double.isNaN(tree.bar())
            ? "too few validation rows for tree-detection folds"
            : "the tree-detection AUCs differ by no more than "
                + bar(tree)
                + " standard errors or by less than "
                + String.format(Locale.ROOT, "%.3f", minTree);
    String utilityPart =
        Double.isNaN(utility.copula())
            ? ""
            : ", TSTR by no more than "
                + bar(utility)
                + " standard errors or by less than "
                + String.format(Locale.ROOT, "%.3f", MIN_UTILITY_DIFFERENCE);
    return treePart + utilityPart;
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

package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.dp.DpSettings;
import io.github.syntheticpatients.runtime.dp.PrivacyLedger;
import io.github.syntheticpatients.runtime.dp.PrivacySpent;
import io.github.syntheticpatients.runtime.fit.copula.DpCopulaFitter;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fits the Gaussian copula with differential privacy ({@link DpCopulaFitter}): two Gaussian
 * mechanisms over all records (no subsampling, q = 1), the marginals' histograms and the scores'
 * second moments, accounted in one {@link PrivacyLedger}. One noise multiplier σ is searched for
 * the target ε as a single release and split between the two: noise multipliers σ₁ = σ/√w and σ₂ =
 * σ/√(1 − w) give Rényi DP α/(2σ₁²) + α/(2σ₂²) = α/(2σ²) at every order, the same ε.
 */
final class DpCopulaFitting {
  /** Equal-width bins of a continuous column between its declared bounds. */
  static final String BINS = "dp.copulaBins";

  /** The score vectors' clip norm as a multiple of √d. */
  static final String CLIP = "dp.copulaClip";

  /** The share w of the budget (in 1/σ²) spent on the marginals. */
  static final String MARGINAL_SHARE = "dp.copulaMarginalShare";

  /** The option keys read here. */
  static final Set<String> OPTIONS = Set.of(BINS, CLIP, MARGINAL_SHARE);

  /** Default bins (docs/benchmarks/dp.md, the DP copula). */
  static final int DEFAULT_BINS = 40;

  /** Default clip, times √d (docs/benchmarks/dp.md). */
  static final double DEFAULT_CLIP = 1.0;

  /**
   * Default marginal share: most of the budget to the marginals, since the correlation's chance
   * entries are dropped after the release (docs/benchmarks/dp.md, 2026-12-07: 0.7 against 0.5 and
   * 0.8 over five seeds on colon and rotterdam).
   */
  static final double DEFAULT_MARGINAL_SHARE = 0.7;

  /** What a release is called in the record and the messages. */
  private static final String MECHANISM = "Gaussian mechanism";

  private DpCopulaFitting() {}

  /** Refuses this class's options when DP training of the copula was not asked for. */
  static void requireUnused(Map<String, String> options) {
    for (String key : OPTIONS) {
      if (options.containsKey(key)) {
        throw InvalidInputException.inParameter(
            key,
            key
                + " tunes the DP Gaussian copula; it needs -Dsynthetic.generator=copula and "
                + DpSettings.EPSILON
                + " (or "
                + DpSettings.NOISE_MULTIPLIER
                + "): set them, or remove "
                + key);
      }
    }
  }

  static Candidate fit(
      TrainSettings settings, DpSettings dp, Table train, TrainingListener listener) {
    Map<String, String> options = settings.options();
    int bins = ArgnFitting.positive(options, BINS, DEFAULT_BINS);
    double clip = fraction(options, CLIP, DEFAULT_CLIP, Double.POSITIVE_INFINITY);
    double share = fraction(options, MARGINAL_SHARE, DEFAULT_MARGINAL_SHARE, 1);
    if (share >= 1) {
      throw InvalidInputException.inParameter(
          MARGINAL_SHARE, MARGINAL_SHARE + " must lie strictly between 0 and 1, was " + share);
    }
    int rows = train.rowCount();
    // One release of every record (q = 1), split below into the two.
    DpPlan plan = DpPlan.of(dp, rows, 1, 1);
    double delta = plan.schedule().delta();
    double sigma = plan.schedule().noiseMultiplier();
    double marginalNoise = sigma / Math.sqrt(share);
    double correlationNoise = sigma / Math.sqrt(1 - share);
    listener.onMessage(
        String.format(
            Locale.ROOT,
            "DP copula: %d records, two Gaussian mechanisms over all of them (q = 1): marginals"
                + " (noise multiplier %.4f, %d bins between the declared bounds) and score"
                + " correlation (noise multiplier %.4f, clip %.3g·√d); combined noise multiplier"
                + " %.4f, delta %.3g%s",
            rows,
            marginalNoise,
            bins,
            correlationNoise,
            clip,
            sigma,
            delta,
            DpMessages.targetNote(dp.targetEpsilon())));
    DpCopulaFitter.Result result =
        DpCopulaFitter.fit(
            train,
            dp.bounds(),
            DpSettings.BOUNDS_PREFIX,
            new DpCopulaFitter.Plan(bins, clip, marginalNoise, correlationNoise),
            RandomStream.of(settings.seed()));
    plan.ledger().record(1, marginalNoise);
    plan.ledger().record(1, correlationNoise);
    PrivacySpent spent = plan.spent();
    listener.onMessage(
        String.format(
            Locale.ROOT,
            "DP copula: 2 releases, epsilon = %.4f at delta = %.3g (Rényi order %s), clip norm"
                + " %.4g, clipped share %.3f",
            spent.epsilon(),
            delta,
            spent.order(),
            result.clipNorm(),
            result.clippedShare()));
    Map<String, Object> record =
        DpRecord.guarantee(spent, delta, dp, DpRecord.ACCOUNTANT + "; q = 1 (no subsampling)");
    record.put(
        "mechanism",
        String.format(
            Locale.ROOT,
            "%s on the marginals' histograms (noise multiplier %.4g) and on the score"
                + " correlation (noise multiplier %.4g, clip norm %.4g)",
            MECHANISM,
            marginalNoise,
            correlationNoise,
            result.clipNorm()));
    record.put("noiseMultiplier", sigma);
    record.put("marginalNoiseMultiplier", marginalNoise);
    record.put("correlationNoiseMultiplier", correlationNoise);
    record.put("samplingRate", 1.0);
    record.put("sampling", DpArgnFitting.NO_SAMPLING);
    record.put("steps", 2);
    record.put("plannedSteps", 2);
    record.put("stoppedAtBudget", false);
    record.put("clipNorm", result.clipNorm());
    record.put("bins", bins);
    record.put("records", rows);
    record.put("unitOfPrivacy", "row");
    record.put(
        "preprocessing",
        "public: categories and nullability from the schema, numeric bins between the dp.bounds"
            + " options; no validation, no model selection");
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put(DpArgnFitting.RECORD, record);
    return Candidate.copula(train.schema(), result.copula().state(), facts);
  }

  /** A number in (0, max], or {@code fallback} when the option is not set. */
  private static double fraction(
      Map<String, String> options, String key, double fallback, double max) {
    String text = options.get(key);
    if (text == null) {
      return fallback;
    }
    try {
      double value = Double.parseDouble(text.trim());
      if (value > 0 && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw InvalidInputException.inParameter(
        key,
        key
            + " must be a number above 0"
            + (Double.isInfinite(max) ? "" : " and below " + max)
            + ", was '"
            + text
            + "'");
  }
}

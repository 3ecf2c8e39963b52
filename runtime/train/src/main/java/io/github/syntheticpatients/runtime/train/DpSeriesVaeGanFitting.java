package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.dp.DpSchedule;
import io.github.syntheticpatients.runtime.dp.DpSettings;
import io.github.syntheticpatients.runtime.dp.PrivacyLedger;
import io.github.syntheticpatients.runtime.dp.PrivacySpent;
import io.github.syntheticpatients.runtime.dp.RdpAccountant;
import io.github.syntheticpatients.runtime.encode.LabeledLayout;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.encode.TimelineEncoder;
import io.github.syntheticpatients.runtime.fit.encode.TableEncoderFitter;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import io.github.syntheticpatients.runtime.gan.vaegan.DpSeriesVaeGanTrainer;
import io.github.syntheticpatients.runtime.gan.vaegan.SeriesVaeGanSettings;
import io.github.syntheticpatients.runtime.model.GanGenerator;
import io.github.syntheticpatients.runtime.model.SeriesDecoder;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Fits {@code dp-vaegan} on fixed-length timelines (issue 21, privacy notes §5–§6): every patient's
 * first {@value #STEPS} visits are one record, Poisson-sampled; the timeline encoder from the
 * schema and the declared bounds only; two DP-SGD stages (the Conv1d VAE, the critic), and a third
 * (the labeler) when the schema's target is a discrete static attribute, whose noise multipliers
 * are found together by the tabular rule ({@link DpVaeGanFitting#noise}) so that their ε, composed
 * in RDP, meets the target; the composed guarantee and each stage's plan in the model card.
 *
 * <p>"Fixed length" for a user: {@code vaegan.steps=T} takes each patient's first T visits (the
 * first 24 hours on an hourly grid: T = 24), and a patient with fewer is refused by id, so the user
 * decides how to pad or leave them out. Visit times stay a channel (the gap to the previous visit,
 * min–max between one unit of the time column and its declared span, so times strictly increase),
 * so a regular grid and irregular times are learned alike; the first time and the static attributes
 * are the patient row, which the encoder reads beside every step and the decoder generates from the
 * same latent point.
 */
final class DpSeriesVaeGanFitting {
  static final String GENERATOR = "dp-vaegan";

  /** Option: the series length T, each patient's first T visits. */
  static final String STEPS = "vaegan.steps";

  /**
   * Option: the largest gap between visits, declared (public), in the time column's units; the time
   * column's declared span when not set. A span of 6000 days for gaps of a few hundred puts every
   * real gap in a sliver of the codec's range.
   */
  static final String MAX_GAP = "vaegan.maxGap";

  /**
   * Option: the range of the first visit's time, declared (public, from the study's design), as
   * {@code low:high} or one value when every timeline starts there ({@code 0}: days since
   * enrolment); the time column's declared bounds when not set. The first time is min–max scaled on
   * it: on the whole span, first visits that all lie at its start sit at the edge of the codec,
   * which a tanh head reaches only asymptotically, and a head the clipped, noisy steps have barely
   * moved decodes to the middle of the span.
   */
  static final String FIRST_TIME = "vaegan.firstTime";

  static final Set<String> OPTIONS = Set.of(STEPS, MAX_GAP, FIRST_TIME);

  /** Passes over the patients per stage when no epoch count is given. */
  static final int DEFAULT_EPOCHS = 20;

  /**
   * What fitting produced: the encoder, the plain-Java decoder, the labeler of the static target
   * (null without one) and the card's facts.
   */
  record Fitted(
      TimelineEncoder encoder,
      SeriesDecoder decoder,
      GanGenerator.Labeler labeler,
      Map<String, Object> facts,
      int epochs) {}

  private DpSeriesVaeGanFitting() {}

  /** Whether the request names this generator. */
  static boolean requested(TrainSettings settings) {
    return settings.generator().toLowerCase(Locale.ROOT).equals(GENERATOR);
  }

  /**
   * T from {@value #STEPS}.
   *
   * @throws InvalidInputException naming the option when it is missing or not a whole number ≥ 1
   */
  static int steps(Map<String, String> options) {
    String text = options.get(STEPS);
    if (text == null) {
      throw InvalidInputException.inParameter(
          STEPS,
          "dp-vaegan learns timelines of one fixed length: set the option "
              + STEPS
              + "=T to take each patient's first T visits (e.g. "
              + STEPS
              + "=24 for the first 24 hours on an hourly grid)");
    }
    int steps;
    try {
      steps = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      steps = 0;
    }
    if (steps < 1) {
      throw InvalidInputException.inParameter(
          STEPS, STEPS + " must be a whole number of 1 or more, e.g. 24, was '" + text + "'");
    }
    return steps;
  }

  /**
   * Refuses timelines with fewer than {@code steps} visits, naming the first such patient.
   *
   * @throws InvalidInputException naming the file, the patient and the option
   */
  static void requireLength(Timelines all, int steps, Path input) {
    int shorter = 0;
    int first = -1;
    for (int p = 0; p < all.patientCount(); p++) {
      if (all.visitCount(p) < steps) {
        shorter++;
        first = first < 0 ? p : first;
      }
    }
    if (shorter > 0) {
      throw InvalidInputException.inFile(
          input,
          -1,
          null,
          String.format(
              Locale.ROOT,
              "patient '%s' has %d visits and %d other patients have fewer than %d too;"
                  + " dp-vaegan with %s=%d takes each patient's first %d visits: lower %s, or"
                  + " leave those patients out (or fill their missing visits) before training",
              all.id(first),
              all.visitCount(first),
              shorter - 1,
              steps,
              STEPS,
              steps,
              steps,
              STEPS));
    }
  }

  static Fitted fit(
      TrainSettings settings,
      DpSettings dp,
      Timelines train,
      int steps,
      TrainingListener listener) {
    if (dp == null) {
      throw InvalidInputException.inParameter(
          "generator",
          "dp-vaegan trains only with differential privacy: set dp.epsilon (e.g. 3) or"
              + " dp.noiseMultiplier, with dp.bounds.<column> for the time column and every"
              + " numeric column");
    }
    String target = labeledTarget(train.schema());
    TimelineEncoder encoder =
        publicEncoder(
            train, steps, dp, settings.options().get(MAX_GAP), settings.options().get(FIRST_TIME));
    int patients = train.patientCount();
    int batch =
        settings.batchSize() > 0 ? settings.batchSize() : DpArgnFitting.defaultBatch(patients);
    double rate = Math.min(1, (double) batch / patients);
    int epochs = settings.epochs() > 0 ? settings.epochs() : DEFAULT_EPOCHS;
    long planned = (long) Math.ceil(epochs / rate);
    double delta = dp.deltaFor(patients);
    RdpAccountant accountant = RdpAccountant.standard();
    double[] sigmas = DpVaeGanFitting.noise(dp, accountant, rate, planned, target != null, delta);
    DpSeriesVaeGanTrainer.Schedules schedules =
        new DpSeriesVaeGanTrainer.Schedules(
            schedule(dp, rate, planned, sigmas[0], delta),
            schedule(dp, rate, planned, sigmas[1], delta),
            target == null ? null : schedule(dp, rate, planned, sigmas[2], delta));
    listener.onMessage(
        String.format(
            Locale.ROOT,
            "DP-SGD for dp-vaegan on series of %d steps: %d patients, sampling rate q = %.5f"
                + " (expected batch %d), %d steps per stage, noise multipliers %.4f (VAE), %.4f"
                + " (critic)%s, clip norm %.3g, delta %.3g; %s",
            steps,
            patients,
            rate,
            batch,
            planned,
            sigmas[0],
            sigmas[1],
            target == null ? "" : String.format(Locale.ROOT, ", %.4f (labeler)", sigmas[2]),
            dp.maxGradNorm(),
            delta,
            target == null
                ? "no discrete target: the decoder generates every static column"
                : "the labeler assigns " + target));
    float[] statics = encoder.encodeStatics(encoder.patientTable(train));
    LabeledLayout layout = target == null ? null : LabeledLayout.of(encoder.staticLayout(), target);
    PrivacyLedger ledger = new PrivacyLedger(accountant);
    DpSeriesVaeGanTrainer.Result result =
        DpSeriesVaeGanTrainer.train(
            new DpSeriesVaeGanTrainer.Data(
                encoder.encodeSteps(train, settings.seed()),
                layout == null ? statics : layout.features(statics, patients),
                layout == null ? null : layout.labels(statics, patients),
                layout == null ? 0 : layout.target().width(),
                patients,
                steps,
                encoder.stepLayout(),
                layout == null ? encoder.staticLayout() : layout.features()),
            SeriesVaeGanSettings.defaults(),
            schedules,
            ledger,
            settings.seed(),
            listener);
    PrivacySpent spent = ledger.spent(delta);
    listener.onMessage(
        DpVaeGanFitting.spentLine(
            result.steps(), result.clippedShares(), spent, delta, result.stoppedAtBudget()));
    Map<String, Object> record =
        DpVaeGanFitting.stagedRecord(
            spent,
            delta,
            dp,
            sigmas[1],
            rate,
            result.steps(),
            planned,
            result.stoppedAtBudget(),
            patients,
            "patient",
            "public: categories and nullability from the schema, numeric columns, the first time"
                + " and the gaps min-max scaled between the dp.bounds options (gaps on [one time"
                + " unit, vaegan.maxGap or the time bounds' span]); each patient's first "
                + steps
                + " visits; "
                + (target == null
                    ? "two DP-SGD stages composed in RDP (Conv1d VAE, critic)"
                    : "three DP-SGD stages composed in RDP (Conv1d VAE, critic, labeler of "
                        + target
                        + ")")
                + "; the generator is post-processing; no losses recorded",
            new DpSchedule[] {schedules.vae(), schedules.critic(), schedules.labeler()},
            accountant);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put(DpArgnFitting.RECORD, record);
    facts.put("epochsTrained", epochs);
    facts.put("numerics", DjlEngine.numerics());
    return new Fitted(
        encoder,
        result.decoder(),
        target == null ? null : new GanGenerator.Labeler(target, result.labeler()),
        facts,
        epochs);
  }

  private static DpSchedule schedule(
      DpSettings dp, double rate, long steps, double sigma, double delta) {
    return new DpSchedule(rate, steps, sigma, dp.maxGradNorm(), delta, dp.targetEpsilon());
  }

  /**
   * The column stage C's labeler draws: the schema's target, which must be a discrete static
   * attribute; null without a target (the decoder then generates every static column).
   *
   * @throws InvalidInputException naming {@code target} when the target is numeric, not learned or
   *     changes from visit to visit
   */
  static String labeledTarget(TableSchema schema) {
    String name = schema.target();
    if (name == null) {
      return null;
    }
    ColumnSchema column = schema.column(name).orElseThrow();
    String problem = null;
    if (!column.isLearned()) {
      problem = "is not learned (" + column.kind().name().toLowerCase(Locale.ROOT) + ")";
    } else if (!column.kind().isDiscrete()) {
      problem = "is " + column.kind().name().toLowerCase(Locale.ROOT) + ", not discrete";
    } else if (!column.staticAttribute()) {
      problem = "changes from visit to visit";
    }
    if (problem == null) {
      return name;
    }
    throw refusedTarget(name, problem);
  }

  private static InvalidInputException refusedTarget(String name, String problem) {
    return InvalidInputException.inParameter(
        "target",
        "the schema's target '"
            + name
            + "' "
            + problem
            + "; dp-vaegan's labeler (stage C) draws a categorical or binary static attribute"
            + " (one value per patient) from the rest of the patient: set the schema's"
            + " \"target\" to such a column, or remove \"target\" from the schema and the decoder"
            + " generates every static column");
  }

  /** The declared largest gap, or the time bounds' span without one. */
  private static double maxGap(String text, double unit, double span) {
    if (text == null) {
      return span;
    }
    double value;
    try {
      value = Double.parseDouble(text.trim());
    } catch (NumberFormatException e) {
      value = Double.NaN;
    }
    if (!(value > unit) || !Double.isFinite(value)) {
      throw InvalidInputException.inParameter(
          MAX_GAP,
          MAX_GAP
              + " must be a number above one unit of the time column ("
              + unit
              + "), e.g. 400 for visits at most 400 days apart, was '"
              + text
              + "'");
    }
    return value;
  }

  /**
   * The declared range of the first visit's time ({@value #FIRST_TIME}), within the time bounds;
   * the time bounds without one.
   *
   * @throws InvalidInputException naming the option when it is not {@code low:high} or one number
   *     within the time bounds
   */
  static double[] firstTime(String text, double[] time) {
    if (text == null) {
      return time;
    }
    String[] parts = text.trim().split(":");
    double low = Double.NaN;
    double high = Double.NaN;
    try {
      if (parts.length == 1 || parts.length == 2) {
        low = Double.parseDouble(parts[0].trim());
        high = parts.length == 1 ? low : Double.parseDouble(parts[1].trim());
      }
    } catch (NumberFormatException e) {
      low = Double.NaN;
    }
    if (!(low <= high) || low < time[0] || high > time[1]) {
      throw InvalidInputException.inParameter(
          FIRST_TIME,
          String.format(
              Locale.ROOT,
              "%s must be low:high, or one value when every timeline starts there, within the"
                  + " time column's declared bounds %s:%s, e.g. %s=%s for timelines that start at"
                  + " enrolment; was '%s'",
              FIRST_TIME,
              format(time[0]),
              format(time[1]),
              FIRST_TIME,
              format(time[0]),
              text));
    }
    return new double[] {low, high};
  }

  private static String format(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  /**
   * The smallest gap between visits: 1 for whole-number times, dates and date-times (days,
   * seconds), else one unit of the time column's last decimal.
   */
  static double timeUnit(TableSchema schema) {
    ColumnSchema time = schema.column(schema.time()).orElseThrow();
    if (time.kind() != ColumnKind.NUMERIC) {
      return 1;
    }
    return Math.pow(10, -Math.max(0, Math.min(9, time.decimals())));
  }

  /**
   * The timeline encoder from the schema and the declared bounds only: the patient row's numbers
   * (static columns, the first time) and the steps' (time-varying columns, the gap) min–max between
   * their {@code dp.bounds}, the first time on {@value #FIRST_TIME} (or the time bounds), the visit
   * count on {@code [0, steps]}, the gap on {@code [unit, maxGap]} ({@value #MAX_GAP}, or the span
   * of the time bounds).
   */
  static TimelineEncoder publicEncoder(
      Timelines train, int steps, DpSettings dp, String maxGap, String firstTime) {
    TableSchema schema = train.schema();
    double[] time =
        dp.timeBounds(
            schema.time(),
            "The first visit lies within them and gaps between one time unit and their span (or"
                + " vaegan.maxGap)");
    TimelineEncoder.TrainingTables tables = TimelineEncoder.trainingTables(train, steps);
    Map<String, double[]> bounds = new LinkedHashMap<>(dp.bounds());
    bounds.put(tables.visitsColumn(), new double[] {0, steps});
    bounds.put(schema.time(), firstTime(firstTime, time));
    // At least one unit of the time column: times strictly increase, even after rounding.
    double unit = timeUnit(schema);
    bounds.put(tables.gapColumn(), new double[] {unit, maxGap(maxGap, unit, time[1] - time[0])});
    TableEncoder statics =
        TableEncoderFitter.fitPublic(tables.patients().schema(), bounds, DpSettings.BOUNDS_PREFIX);
    TableEncoder visits =
        TableEncoderFitter.fitPublic(tables.steps().schema(), bounds, DpSettings.BOUNDS_PREFIX);
    return new TimelineEncoder(
        schema, tables.visitsColumn(), tables.gapColumn(), steps, statics, visits);
  }
}

package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.dp.DpSchedule;
import io.github.syntheticpatients.runtime.dp.DpSettings;
import io.github.syntheticpatients.runtime.dp.JointNoise;
import io.github.syntheticpatients.runtime.dp.PrivacyLedger;
import io.github.syntheticpatients.runtime.dp.PrivacySpent;
import io.github.syntheticpatients.runtime.dp.RdpAccountant;
import io.github.syntheticpatients.runtime.encode.LabeledLayout;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.fit.encode.TableEncoderFitter;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import io.github.syntheticpatients.runtime.gan.vaegan.DpVaeGanTrainer;
import io.github.syntheticpatients.runtime.gan.vaegan.VaeGanSettings;
import io.github.syntheticpatients.runtime.model.GanGenerator;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Fits {@code dp-vaegan} (issue 21, privacy notes §5–§6): an encoder from the schema and the
 * declared bounds only; three DP-SGD stages (VAE, critic, labeler of the target column) whose noise
 * multipliers are found together so that their ε, composed in RDP, meets the target ({@link
 * JointNoise}, shares {@value #VAE_SHARE} / {@value #CRITIC_SHARE} / {@value #LABELER_SHARE}); the
 * composed guarantee and each stage's plan in the model card.
 */
final class DpVaeGanFitting {
  /** Stage A's share of the target when its noise is first searched alone (privacy notes §7). */
  static final double VAE_SHARE = 0.35;

  static final double CRITIC_SHARE = 0.45;
  static final double LABELER_SHARE = 0.20;

  /** Passes over the data per stage when no epoch count is given. */
  static final int DEFAULT_EPOCHS = 20;

  /** The expected batch per stage when none is given. */
  static final int DEFAULT_BATCH = 64;

  private DpVaeGanFitting() {}

  static Candidate fit(
      TrainSettings settings, DpSettings dp, Table train, TrainingListener listener) {
    if (dp == null) {
      throw InvalidInputException.inParameter(
          "generator",
          "dp-vaegan trains only with differential privacy: set dp.epsilon (e.g. 3) or"
              + " dp.noiseMultiplier, with dp.bounds.<column> for every numeric column");
    }
    TableSchema schema = train.schema();
    TableEncoder encoder =
        TableEncoderFitter.fitPublic(schema, dp.bounds(), DpSettings.BOUNDS_PREFIX);
    String target = labeledTarget(schema);
    int rows = train.rowCount();
    int batch =
        settings.batchSize() > 0
            ? settings.batchSize()
            : Math.max(2, Math.min(DEFAULT_BATCH, rows));
    double rate = Math.min(1, (double) batch / rows);
    int epochs = settings.epochs() > 0 ? settings.epochs() : DEFAULT_EPOCHS;
    long steps = (long) Math.ceil(epochs / rate);
    double delta = dp.deltaFor(rows);
    RdpAccountant accountant = RdpAccountant.standard();
    double[] sigmas = noise(dp, accountant, rate, steps, target != null, delta);
    DpVaeGanTrainer.Schedules schedules =
        new DpVaeGanTrainer.Schedules(
            schedule(dp, rate, steps, sigmas[0], delta),
            schedule(dp, rate, steps, sigmas[1], delta),
            target == null ? null : schedule(dp, rate, steps, sigmas[2], delta));
    listener.onMessage(
        String.format(
            Locale.ROOT,
            "DP-SGD for dp-vaegan: %d records, sampling rate q = %.5f (expected batch %d), %d"
                + " steps per stage, noise multipliers %.4f (VAE), %.4f (critic)%s, clip norm"
                + " %.3g, delta %.3g; %s",
            rows,
            rate,
            batch,
            steps,
            sigmas[0],
            sigmas[1],
            target == null ? "" : String.format(Locale.ROOT, ", %.4f (labeler)", sigmas[2]),
            dp.maxGradNorm(),
            delta,
            target == null
                ? "no discrete target: the decoder generates every column"
                : "the labeler assigns " + target));
    float[] encoded = encoder.encode(train, settings.seed());
    LabeledLayout layout = target == null ? null : LabeledLayout.of(encoder.layout(), target);
    PrivacyLedger ledger = new PrivacyLedger(accountant);
    DpVaeGanTrainer.Result result =
        DpVaeGanTrainer.train(
            layout == null ? encoded : layout.features(encoded, rows),
            layout == null ? null : layout.labels(encoded, rows),
            layout == null ? 0 : layout.target().width(),
            rows,
            layout == null ? encoder.layout() : layout.features(),
            VaeGanSettings.defaults(),
            schedules,
            ledger,
            settings.seed(),
            listener);
    PrivacySpent spent = ledger.spent(delta);
    listener.onMessage(
        spentLine(result.steps(), result.clippedShares(), spent, delta, result.stoppedAtBudget()));
    Map<String, Object> record =
        stagedRecord(
            spent,
            delta,
            dp,
            sigmas[1],
            rate,
            result.steps(),
            steps,
            result.stoppedAtBudget(),
            rows,
            "row",
            "public: categories and nullability from the schema, numeric columns min-max scaled"
                + " between the dp.bounds options; three DP-SGD stages composed in RDP (VAE,"
                + " critic, labeler); the generator is post-processing; no losses recorded",
            new DpSchedule[] {schedules.vae(), schedules.critic(), schedules.labeler()},
            accountant);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put(DpArgnFitting.RECORD, record);
    facts.put("epochsTrained", epochs);
    facts.put("numerics", DjlEngine.numerics());
    GanGenerator network =
        new GanGenerator(
            result.chain(),
            result.noiseDim(),
            List.of(),
            target == null ? null : new GanGenerator.Labeler(target, result.labeler()));
    return Candidate.gan("dp-vaegan", schema, encoder.state(), network, epochs, facts);
  }

  /**
   * The target column the labeler assigns: the schema's target when it is discrete and learned;
   * otherwise null, and the decoder generates every column.
   */
  private static String labeledTarget(TableSchema schema) {
    if (schema.target() == null) {
      return null;
    }
    return schema
        .column(schema.target())
        .filter(c -> c.isLearned() && c.kind().isDiscrete())
        .map(ColumnSchema::name)
        .orElse(null);
  }

  /** σ per stage: the given one for all, or the joint search on the composed ε. */
  static double[] noise(
      DpSettings dp,
      RdpAccountant accountant,
      double rate,
      long steps,
      boolean labeler,
      double delta) {
    if (!Double.isNaN(dp.noiseMultiplier())) {
      double sigma = dp.noiseMultiplier();
      return new double[] {sigma, sigma, sigma};
    }
    double whole = labeler ? 1 : VAE_SHARE + CRITIC_SHARE;
    List<JointNoise.Stage> stages = new ArrayList<>();
    stages.add(new JointNoise.Stage(rate, steps, VAE_SHARE / whole));
    stages.add(new JointNoise.Stage(rate, steps, CRITIC_SHARE / whole));
    if (labeler) {
      stages.add(new JointNoise.Stage(rate, steps, LABELER_SHARE));
    }
    double[] found =
        JointNoise.search(accountant, stages, delta, dp.targetEpsilon()).noiseMultipliers();
    return labeler ? found : new double[] {found[0], found[1], Double.NaN};
  }

  private static DpSchedule schedule(
      DpSettings dp, double rate, long steps, double sigma, double delta) {
    return new DpSchedule(rate, steps, sigma, dp.maxGradNorm(), delta, dp.targetEpsilon());
  }

  /**
   * The card's {@code stages} list: each planned stage's σ, q, steps taken and planned, and its ε
   * alone (for reading; the guarantee is the composed ε). A null plan is left out.
   */
  /**
   * The line that reports a staged fit's spent budget: each stage's steps and clipped share, and
   * the composed ε.
   */
  static String spentLine(
      long[] steps, double[] clippedShares, PrivacySpent spent, double delta, boolean stopped) {
    StringJoiner stepList = new StringJoiner(" + ");
    StringJoiner shareList = new StringJoiner(" / ");
    for (int i = 0; i < steps.length; i++) {
      stepList.add(Long.toString(steps[i]));
      shareList.add(String.format(Locale.ROOT, "%.3f", clippedShares[i]));
    }
    return String.format(
        Locale.ROOT,
        "DP-SGD: %s steps, composed epsilon = %.4f at delta = %.3g (Rényi order %s),"
            + " clipped shares %s%s",
        stepList,
        spent.epsilon(),
        delta,
        spent.order(),
        shareList,
        stopped ? "; stopped before the budget would be exceeded" : "");
  }

  /**
   * The model card's record of a staged fit ({@link DpRecord}): the composed guarantee with stage
   * B's (the critic's) σ and q at the top level, and each stage's plan under {@code "stages"}.
   *
   * @param steps the steps each stage took
   * @param plannedPerStage the steps planned for each stage
   * @param schedules the VAE's, the critic's and the labeler's plan (null without a labeler)
   */
  static Map<String, Object> stagedRecord(
      PrivacySpent spent,
      double delta,
      DpSettings dp,
      double criticSigma,
      double rate,
      long[] steps,
      long plannedPerStage,
      boolean stopped,
      int units,
      String unit,
      String publicNote,
      DpSchedule[] schedules,
      RdpAccountant accountant) {
    Map<String, Object> record =
        DpRecord.of(
            spent,
            delta,
            dp,
            criticSigma,
            rate,
            steps[0] + steps[1] + steps[2],
            plannedPerStage * (schedules[2] == null ? 2 : 3),
            stopped,
            units,
            unit,
            publicNote);
    record.put(
        "stages",
        stages(new String[] {"vae", "critic", "labeler"}, schedules, steps, accountant, delta));
    return record;
  }

  static List<Object> stages(
      String[] names, DpSchedule[] plans, long[] steps, RdpAccountant accountant, double delta) {
    List<Object> list = new ArrayList<>();
    for (int s = 0; s < plans.length; s++) {
      if (plans[s] == null) {
        continue;
      }
      Map<String, Object> stage = new LinkedHashMap<>();
      stage.put("stage", names[s]);
      stage.put("noiseMultiplier", plans[s].noiseMultiplier());
      stage.put("samplingRate", plans[s].samplingRate());
      stage.put("steps", steps[s]);
      stage.put("plannedSteps", plans[s].steps());
      stage.put(
          "epsilonAlone",
          accountant
              .epsilon(plans[s].samplingRate(), plans[s].noiseMultiplier(), steps[s], delta)
              .epsilon());
      list.add(stage);
    }
    return list;
  }
}

package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.gan.ConditionColumn;
import io.github.syntheticpatients.runtime.gan.DjlEngine;
import io.github.syntheticpatients.runtime.gan.GanSettings;
import io.github.syntheticpatients.runtime.gan.GanTrainer;
import io.github.syntheticpatients.runtime.gan.TrainedGenerator;
import io.github.syntheticpatients.runtime.model.GanGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Trains a GAN and keeps the snapshot that scores best on the validation part. GANs on small tables
 * wander: the last epoch is often not the best one, and picking by held-out fidelity is cheap
 * insurance.
 */
final class GanFitting {
  /** Snapshots taken over a run when the user does not set {@code snapshotEvery}. */
  private static final int SNAPSHOTS_PER_RUN = 10;

  /**
   * Option: {@code auto} (settings chosen by data size) or {@code published} (CTGAN's defaults).
   */
  static final String GAN_PRESET = "ganPreset";

  /** Option: export a snapshot every this many epochs for selection, 0 for the last epoch only. */
  static final String SNAPSHOT_EVERY = "snapshotEvery";

  /**
   * Option: the weight of CTAB-GAN's information loss in the CTGAN generator's loss (0, none);
   * docs/benchmarks/gan.md has its measured effect.
   */
  static final String INFORMATION_LOSS = "ganInformationLoss";

  /**
   * Option: the weight of CTAB-GAN+'s auxiliary classifier loss (0, none); the classifier predicts
   * the schema's target, which must be discrete.
   */
  static final String CLASSIFIER_LOSS = "ganClassifierLoss";

  /** The option keys this class reads. */
  static final Set<String> OPTIONS =
      Set.of(GAN_PRESET, SNAPSHOT_EVERY, INFORMATION_LOSS, CLASSIFIER_LOSS);

  private GanFitting() {}

  static Candidate fit(
      String generator,
      TrainSettings settings,
      TableEncoder encoder,
      Table train,
      Table validation,
      TrainingListener listener) {
    GanSettings.Kind kind =
        generator.equals("basic") ? GanSettings.Kind.BASIC : GanSettings.Kind.CTGAN;
    boolean published = isPublishedPreset(settings);
    // "published": the CTGAN paper's defaults whatever the data size, and the last epoch kept (no
    // selection),
    // the baseline the benchmark compares the size-chosen settings with.
    GanSettings base =
        published ? GanSettings.defaults(kind) : GanSettings.forData(kind, train.rowCount());
    int epochs = settings.epochs() > 0 ? settings.epochs() : base.epochs();
    GanSettings.Builder builder =
        base.toBuilder()
            .optEpochs(epochs)
            .optSnapshotEvery(
                published ? 0 : snapshotEvery(settings, epochs, validation.rowCount()));
    if (settings.batchSize() > 0) {
      builder.optBatchSize(settings.batchSize());
    }
    builder.optInformationLoss(weight(settings, INFORMATION_LOSS));
    double classifier = weight(settings, CLASSIFIER_LOSS);
    if (classifier > 0) {
      String target = train.schema().target();
      if (target == null) {
        throw InvalidInputException.inParameter(
            CLASSIFIER_LOSS,
            "ganClassifierLoss needs a discrete target column for its classifier to predict;"
                + " declare one (-Dsynthetic.target=<column>) or drop the option");
      }
      builder.optClassifierLoss(classifier, target);
    }
    GanSettings gan = builder.build();
    float[] data = encoder.encode(train, settings.seed());
    Map<String, Object> encoderState = encoder.state();

    List<Candidate> scored = new ArrayList<>();
    GanSettings finalSettings = gan;
    TrainedGenerator last =
        GanTrainer.train(
            data,
            train.rowCount(),
            encoder.layout(),
            gan,
            settings.seed(),
            listener,
            snapshot -> {
              Candidate candidate =
                  candidate(generator, train, encoderState, snapshot, finalSettings);
              candidate.score(validation, settings.seed());
              listener.onMessage(
                  String.format(
                      Locale.ROOT,
                      "Snapshot at epoch %d: validation quality %.4f",
                      snapshot.epochs(),
                      candidate.validationScore()));
              scored.add(candidate);
            });
    if (scored.isEmpty() || scored.get(scored.size() - 1).epochs() != last.epochs()) {
      Candidate candidate = candidate(generator, train, encoderState, last, finalSettings);
      if (validation.rowCount() > 0) {
        candidate.score(validation, settings.seed());
      }
      scored.add(candidate);
    }
    Candidate best = scored.get(scored.size() - 1);
    for (Candidate candidate : scored) {
      // Strictly better only: among equals the later (more trained) snapshot wins.
      if (candidate.validationScore() > best.validationScore()) {
        best = candidate;
      }
    }
    listener.onMessage(
        String.format(
            Locale.ROOT,
            "Selected the snapshot at epoch %d (validation quality %.4f)",
            best.epochs(),
            best.validationScore()));
    return best;
  }

  private static boolean isPublishedPreset(TrainSettings settings) {
    String preset =
        settings.options().getOrDefault(GAN_PRESET, "auto").trim().toLowerCase(Locale.ROOT);
    return switch (preset) {
      case "auto" -> false;
      case "published" -> true;
      default ->
          throw InvalidInputException.inParameter(
              GAN_PRESET,
              "ganPreset must be 'auto' (settings chosen by data size) or 'published' (CTGAN's"
                  + " defaults), was '"
                  + preset
                  + "'");
    };
  }

  /**
   * Refuses the information and classifier losses under DP: the DP CTGAN's critic steps are DP-SGD
   * and its generator step has neither loss.
   *
   * @throws InvalidInputException naming the option and the fix
   */
  static void refuseUnderDp(TrainSettings settings) {
    for (String option : List.of(INFORMATION_LOSS, CLASSIFIER_LOSS)) {
      if (settings.options().containsKey(option)) {
        throw InvalidInputException.inParameter(
            option,
            option
                + " is not available with DP options (the DP CTGAN trains without it); drop it"
                + " or the dp.* options");
      }
    }
  }

  /** A loss weight option: 0 when unset, else a finite number of 0 or more. */
  private static double weight(TrainSettings settings, String option) {
    String text = settings.options().get(option);
    if (text == null) {
      return 0;
    }
    try {
      double value = Double.parseDouble(text.trim());
      if (!(value >= 0) || Double.isInfinite(value)) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw InvalidInputException.inParameter(
          option, option + " must be a weight of 0 (off) or more, was '" + text + "'");
    }
  }

  private static int snapshotEvery(TrainSettings settings, int epochs, int validationRows) {
    Integer chosen = chosenSnapshotEvery(settings);
    if (chosen != null) {
      return chosen;
    }
    return validationRows == 0 ? 0 : Math.max(1, epochs / SNAPSHOTS_PER_RUN);
  }

  /**
   * The option {@code snapshotEvery} as the user set it (0 keeps the last epoch only), or null when
   * unset: the one parser of that option, for the CTGAN and the timeline generator.
   */
  static Integer chosenSnapshotEvery(TrainSettings settings) {
    String text = settings.options().get(SNAPSHOT_EVERY);
    if (text == null) {
      return null;
    }
    try {
      int value = Integer.parseInt(text.trim());
      if (value < 0) {
        throw new NumberFormatException();
      }
      return value;
    } catch (NumberFormatException e) {
      throw InvalidInputException.inParameter(
          SNAPSHOT_EVERY,
          "snapshotEvery must be 0 (last epoch only) or a positive number, was '" + text + "'");
    }
  }

  static Candidate candidate(
      String generator,
      Table train,
      Map<String, Object> encoderState,
      TrainedGenerator trained,
      GanSettings gan) {
    List<GanGenerator.ConditionBlock> blocks = new ArrayList<>();
    for (ConditionColumn column : trained.condition().columns()) {
      blocks.add(
          new GanGenerator.ConditionBlock(
              column.column(),
              column.blockOffset(),
              column.condOffset(),
              column.width(),
              column.frequencies()));
    }
    GanGenerator network = new GanGenerator(trained.generator(), trained.latentDim(), blocks);
    Map<String, Object> facts = new LinkedHashMap<>();
    facts.put("epochsTrained", gan.epochs());
    facts.put("selectedEpoch", trained.epochs());
    facts.put("ganSettings", describe(gan));
    facts.put("generatorLosses", toList(trained.generatorLosses()));
    facts.put("discriminatorLosses", toList(trained.discriminatorLosses()));
    facts.put("numerics", DjlEngine.numerics());
    return Candidate.gan(generator, train.schema(), encoderState, network, trained.epochs(), facts);
  }

  private static Map<String, Object> describe(GanSettings gan) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("kind", gan.kind().name().toLowerCase(Locale.ROOT));
    block.put("epochs", gan.epochs());
    block.put("batchSize", gan.batchSize());
    block.put("latentDim", gan.latentDim());
    block.put("generatorDims", gan.generatorDims());
    block.put("discriminatorDims", gan.discriminatorDims());
    block.put("pac", gan.pac());
    block.put("generatorLearningRate", gan.generatorLearningRate());
    block.put("discriminatorLearningRate", gan.discriminatorLearningRate());
    block.put("beta1", gan.beta1());
    block.put("beta2", gan.beta2());
    block.put("generatorWeightDecay", gan.generatorWeightDecay());
    block.put("discriminatorWeightDecay", gan.discriminatorWeightDecay());
    block.put("gradientPenalty", gan.gradientPenalty());
    block.put("discriminatorSteps", gan.discriminatorSteps());
    block.put("dropout", gan.dropout());
    if (gan.criticLayerNorm()) {
      // Only when on, so that the models trained before the option describe themselves unchanged.
      block.put("criticLayerNorm", true);
    }
    block.put("gumbelTau", gan.gumbelTau());
    block.put("snapshotEvery", gan.snapshotEvery());
    // Only when set, so that models trained without them keep their bytes.
    if (gan.informationLoss() > 0) {
      block.put("informationLoss", gan.informationLoss());
    }
    if (gan.classifierLoss() > 0) {
      block.put("classifierLoss", gan.classifierLoss());
      block.put("classifierTarget", gan.classifierTarget());
    }
    return block;
  }

  private static List<Object> toList(double[] values) {
    List<Object> list = new ArrayList<>(values.length);
    for (double v : values) {
      list.add(Double.isFinite(v) ? v : String.valueOf(v));
    }
    return list;
  }
}

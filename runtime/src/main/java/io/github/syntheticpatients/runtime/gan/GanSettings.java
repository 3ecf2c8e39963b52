package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.InvalidInputException;
import java.util.List;
import java.util.Objects;

/**
 * Hyper-parameters of one GAN training. {@link #ctganDefaults()} are CTGAN's published defaults;
 * {@link #basicDefaults()} are those of a plain MLP GAN.
 *
 * @param kind which GAN to train
 * @param epochs passes over the training rows
 * @param batchSize rows per step; a multiple of {@code pac}
 * @param latentDim width of the generator's noise input
 * @param generatorDims hidden widths of the generator (CTGAN: residual blocks)
 * @param discriminatorDims hidden widths of the discriminator
 * @param pac rows packed into one discriminator sample (PacGAN); 1 for none
 * @param generatorLearningRate Adam learning rate of the generator
 * @param discriminatorLearningRate Adam learning rate of the discriminator
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param generatorWeightDecay L2 weight decay of the generator (added to the gradient, as PyTorch's Adam does)
 * @param discriminatorWeightDecay L2 weight decay of the discriminator
 * @param gradientPenalty WGAN-GP penalty weight λ (CTGAN only)
 * @param discriminatorSteps discriminator steps per generator step
 * @param dropout discriminator dropout probability
 * @param gumbelTau Gumbel-softmax temperature for SOFTMAX spans (CTGAN only)
 * @param snapshotEvery export a snapshot every this many epochs, or 0 for none
 */
public record GanSettings(
    Kind kind,
    int epochs,
    int batchSize,
    int latentDim,
    List<Integer> generatorDims,
    List<Integer> discriminatorDims,
    int pac,
    double generatorLearningRate,
    double discriminatorLearningRate,
    double beta1,
    double beta2,
    double generatorWeightDecay,
    double discriminatorWeightDecay,
    double gradientPenalty,
    int discriminatorSteps,
    double dropout,
    double gumbelTau,
    int snapshotEvery) {

  /** The GAN variants. */
  public enum Kind {
    /** Conditional tabular GAN: residual generator, PacGAN WGAN-GP critic, training-by-sampling. */
    CTGAN,
    /** A plain MLP GAN with a sigmoid discriminator and binary cross-entropy, no conditional vector. */
    BASIC
  }

  /** Rows below which {@link #forData} picks the small-table settings. */
  public static final int SMALL_TABLE_ROWS = 2_000;

  /** Generator steps {@link #forData} aims for on a small table (CTGAN's defaults give 6,000 on 10,000 rows). */
  public static final int SMALL_TABLE_TARGET_STEPS = 3_000;

  public GanSettings {
    Objects.requireNonNull(kind, "kind");
    generatorDims = List.copyOf(generatorDims);
    discriminatorDims = List.copyOf(discriminatorDims);
    positive("epochs", epochs);
    positive("batchSize", batchSize);
    positive("latentDim", latentDim);
    positive("pac", pac);
    positive("discriminatorSteps", discriminatorSteps);
    if (snapshotEvery < 0) {
      throw InvalidInputException.inParameter(
          "snapshotEvery", "snapshotEvery must be 0 (no snapshots) or more, was " + snapshotEvery);
    }
    if (batchSize % pac != 0) {
      throw InvalidInputException.inParameter(
          "batchSize",
          "batchSize " + batchSize + " must be a multiple of pac " + pac + "; use e.g. " + roundUp(batchSize, pac));
    }
    for (int dim : generatorDims) {
      positive("generatorDims", dim);
    }
    if (discriminatorDims.isEmpty()) {
      throw InvalidInputException.inParameter("discriminatorDims", "the discriminator needs a hidden layer");
    }
    for (int dim : discriminatorDims) {
      positive("discriminatorDims", dim);
    }
    positive("generatorLearningRate", generatorLearningRate);
    positive("discriminatorLearningRate", discriminatorLearningRate);
    unitInterval("beta1", beta1);
    unitInterval("beta2", beta2);
    unitInterval("dropout", dropout);
    nonNegative("generatorWeightDecay", generatorWeightDecay);
    nonNegative("discriminatorWeightDecay", discriminatorWeightDecay);
    nonNegative("gradientPenalty", gradientPenalty);
    positive("gumbelTau", gumbelTau);
  }

  /** CTGAN's defaults: 300 epochs, batch 500, latent 128, (256, 256) both networks, pac 10, Adam 2e-4 (0.5, 0.9). */
  public static GanSettings ctganDefaults() {
    return new GanSettings(
        Kind.CTGAN, 300, 500, 128, List.of(256, 256), List.of(256, 256), 10, 2e-4, 2e-4, 0.5, 0.9, 1e-6, 1e-6, 10,
        1, 0.5, 0.2, 0);
  }

  /** A plain MLP GAN: latent 64, (128, 128) both networks, BCE, Adam 2e-4 (0.5, 0.999), no pac or penalty. */
  public static GanSettings basicDefaults() {
    return new GanSettings(
        Kind.BASIC, 300, 500, 64, List.of(128, 128), List.of(128, 128), 1, 2e-4, 2e-4, 0.5, 0.999, 0, 0, 0, 1, 0,
        0.2, 0);
  }

  /** The defaults of {@code kind}. */
  public static GanSettings defaults(Kind kind) {
    return kind == Kind.CTGAN ? ctganDefaults() : basicDefaults();
  }

  /**
   * Settings for a table of {@code rows} training rows. Large tables get the defaults. Small tables get narrower
   * networks, a batch of about a quarter of the rows (at least 5 pac groups, at most 500) and enough epochs for
   * about {@link #SMALL_TABLE_TARGET_STEPS} generator steps, capped at 2,000 epochs.
   */
  public static GanSettings forData(Kind kind, int rows) {
    GanSettings base = defaults(kind);
    if (rows >= SMALL_TABLE_ROWS) {
      return base;
    }
    int pac = base.pac();
    int batch = Math.min(500, Math.max(5 * pac, roundUp(Math.max(rows / 4, 1), Math.max(pac, 2))));
    int stepsPerEpoch = Math.max(rows / batch, 1);
    int epochs = Math.max(base.epochs(), Math.min(2_000, ceilDiv(SMALL_TABLE_TARGET_STEPS, stepsPerEpoch)));
    return base.withBatchSize(batch).withEpochs(epochs).withGeneratorDims(List.of(128, 128))
        .withDiscriminatorDims(List.of(128, 128));
  }

  public GanSettings withEpochs(int value) {
    return new GanSettings(kind, value, batchSize, latentDim, generatorDims, discriminatorDims, pac,
        generatorLearningRate, discriminatorLearningRate, beta1, beta2, generatorWeightDecay,
        discriminatorWeightDecay, gradientPenalty, discriminatorSteps, dropout, gumbelTau, snapshotEvery);
  }

  public GanSettings withBatchSize(int value) {
    return new GanSettings(kind, epochs, value, latentDim, generatorDims, discriminatorDims, pac,
        generatorLearningRate, discriminatorLearningRate, beta1, beta2, generatorWeightDecay,
        discriminatorWeightDecay, gradientPenalty, discriminatorSteps, dropout, gumbelTau, snapshotEvery);
  }

  public GanSettings withLatentDim(int value) {
    return new GanSettings(kind, epochs, batchSize, value, generatorDims, discriminatorDims, pac,
        generatorLearningRate, discriminatorLearningRate, beta1, beta2, generatorWeightDecay,
        discriminatorWeightDecay, gradientPenalty, discriminatorSteps, dropout, gumbelTau, snapshotEvery);
  }

  public GanSettings withGeneratorDims(List<Integer> value) {
    return new GanSettings(kind, epochs, batchSize, latentDim, value, discriminatorDims, pac,
        generatorLearningRate, discriminatorLearningRate, beta1, beta2, generatorWeightDecay,
        discriminatorWeightDecay, gradientPenalty, discriminatorSteps, dropout, gumbelTau, snapshotEvery);
  }

  public GanSettings withDiscriminatorDims(List<Integer> value) {
    return new GanSettings(kind, epochs, batchSize, latentDim, generatorDims, value, pac,
        generatorLearningRate, discriminatorLearningRate, beta1, beta2, generatorWeightDecay,
        discriminatorWeightDecay, gradientPenalty, discriminatorSteps, dropout, gumbelTau, snapshotEvery);
  }

  public GanSettings withPac(int value) {
    return new GanSettings(kind, epochs, batchSize, latentDim, generatorDims, discriminatorDims, value,
        generatorLearningRate, discriminatorLearningRate, beta1, beta2, generatorWeightDecay,
        discriminatorWeightDecay, gradientPenalty, discriminatorSteps, dropout, gumbelTau, snapshotEvery);
  }

  /** Sets both networks' learning rates. */
  public GanSettings withLearningRates(double generator, double discriminator) {
    return new GanSettings(kind, epochs, batchSize, latentDim, generatorDims, discriminatorDims, pac, generator,
        discriminator, beta1, beta2, generatorWeightDecay, discriminatorWeightDecay, gradientPenalty,
        discriminatorSteps, dropout, gumbelTau, snapshotEvery);
  }

  public GanSettings withBetas(double first, double second) {
    return new GanSettings(kind, epochs, batchSize, latentDim, generatorDims, discriminatorDims, pac,
        generatorLearningRate, discriminatorLearningRate, first, second, generatorWeightDecay,
        discriminatorWeightDecay, gradientPenalty, discriminatorSteps, dropout, gumbelTau, snapshotEvery);
  }

  /** Sets both networks' weight decays. */
  public GanSettings withWeightDecays(double generator, double discriminator) {
    return new GanSettings(kind, epochs, batchSize, latentDim, generatorDims, discriminatorDims, pac,
        generatorLearningRate, discriminatorLearningRate, beta1, beta2, generator, discriminator, gradientPenalty,
        discriminatorSteps, dropout, gumbelTau, snapshotEvery);
  }

  public GanSettings withGradientPenalty(double value) {
    return new GanSettings(kind, epochs, batchSize, latentDim, generatorDims, discriminatorDims, pac,
        generatorLearningRate, discriminatorLearningRate, beta1, beta2, generatorWeightDecay,
        discriminatorWeightDecay, value, discriminatorSteps, dropout, gumbelTau, snapshotEvery);
  }

  public GanSettings withDiscriminatorSteps(int value) {
    return new GanSettings(kind, epochs, batchSize, latentDim, generatorDims, discriminatorDims, pac,
        generatorLearningRate, discriminatorLearningRate, beta1, beta2, generatorWeightDecay,
        discriminatorWeightDecay, gradientPenalty, value, dropout, gumbelTau, snapshotEvery);
  }

  public GanSettings withDropout(double value) {
    return new GanSettings(kind, epochs, batchSize, latentDim, generatorDims, discriminatorDims, pac,
        generatorLearningRate, discriminatorLearningRate, beta1, beta2, generatorWeightDecay,
        discriminatorWeightDecay, gradientPenalty, discriminatorSteps, value, gumbelTau, snapshotEvery);
  }

  public GanSettings withGumbelTau(double value) {
    return new GanSettings(kind, epochs, batchSize, latentDim, generatorDims, discriminatorDims, pac,
        generatorLearningRate, discriminatorLearningRate, beta1, beta2, generatorWeightDecay,
        discriminatorWeightDecay, gradientPenalty, discriminatorSteps, dropout, value, snapshotEvery);
  }

  public GanSettings withSnapshotEvery(int value) {
    return new GanSettings(kind, epochs, batchSize, latentDim, generatorDims, discriminatorDims, pac,
        generatorLearningRate, discriminatorLearningRate, beta1, beta2, generatorWeightDecay,
        discriminatorWeightDecay, gradientPenalty, discriminatorSteps, dropout, gumbelTau, value);
  }

  private static void positive(String parameter, double value) {
    if (!(value > 0)) {
      throw InvalidInputException.inParameter(parameter, parameter + " must be positive, was " + value);
    }
  }

  private static void nonNegative(String parameter, double value) {
    if (!(value >= 0)) {
      throw InvalidInputException.inParameter(parameter, parameter + " must be 0 or more, was " + value);
    }
  }

  private static void unitInterval(String parameter, double value) {
    if (!(value >= 0 && value < 1)) {
      throw InvalidInputException.inParameter(parameter, parameter + " must be in [0, 1), was " + value);
    }
  }

  private static int roundUp(int value, int multiple) {
    return ceilDiv(value, multiple) * multiple;
  }

  private static int ceilDiv(int value, int divisor) {
    return (value + divisor - 1) / divisor;
  }
}

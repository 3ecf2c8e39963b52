package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.InvalidInputException;
import java.util.List;
import java.util.Objects;

/**
 * Hyper-parameters of one GAN training, immutable. {@link #ctganDefaults()} are CTGAN's published
 * defaults; {@link #basicDefaults()} are those of a plain MLP GAN. Other settings start from a
 * kind's defaults:
 *
 * <pre>{@code
 * GanSettings settings = GanSettings.builder().optEpochs(300).optBatchSize(500).build();
 * GanSettings longer = settings.toBuilder().optEpochs(600).build();
 * }</pre>
 *
 * {@link Builder#build()} checks every value and names the parameter and the fix.
 */
public final class GanSettings {

  /** The GAN variants. */
  public enum Kind {
    /** Conditional tabular GAN: residual generator, PacGAN WGAN-GP critic, training-by-sampling. */
    CTGAN,
    /**
     * A plain MLP GAN with a sigmoid discriminator and binary cross-entropy, no conditional vector.
     */
    BASIC
  }

  /** Rows below which {@link #forData} picks the small-table settings. */
  public static final int SMALL_TABLE_ROWS = 2_000;

  /**
   * Generator steps {@link #forData} aims for on a small table (CTGAN's defaults give 6,000 on
   * 10,000 rows).
   */
  public static final int SMALL_TABLE_TARGET_STEPS = 3_000;

  private final Kind kind;
  private final int epochs;
  private final int batchSize;
  private final int latentDim;
  private final List<Integer> generatorDims;
  private final List<Integer> discriminatorDims;
  private final int pac;
  private final double generatorLearningRate;
  private final double discriminatorLearningRate;
  private final double beta1;
  private final double beta2;
  private final double generatorWeightDecay;
  private final double discriminatorWeightDecay;
  private final double gradientPenalty;
  private final int discriminatorSteps;
  private final double dropout;
  private final boolean criticLayerNorm;
  private final double gumbelTau;
  private final int snapshotEvery;
  private final double informationLoss;
  private final double classifierLoss;
  private final String classifierTarget;

  private GanSettings(Builder b) {
    kind = b.kind;
    epochs = b.epochs;
    batchSize = b.batchSize;
    latentDim = b.latentDim;
    generatorDims = b.generatorDims;
    discriminatorDims = b.discriminatorDims;
    pac = b.pac;
    generatorLearningRate = b.generatorLearningRate;
    discriminatorLearningRate = b.discriminatorLearningRate;
    beta1 = b.beta1;
    beta2 = b.beta2;
    generatorWeightDecay = b.generatorWeightDecay;
    discriminatorWeightDecay = b.discriminatorWeightDecay;
    gradientPenalty = b.gradientPenalty;
    discriminatorSteps = b.discriminatorSteps;
    dropout = b.dropout;
    criticLayerNorm = b.criticLayerNorm;
    gumbelTau = b.gumbelTau;
    snapshotEvery = b.snapshotEvery;
    informationLoss = b.informationLoss;
    classifierLoss = b.classifierLoss;
    classifierTarget = b.classifierTarget;
  }

  /** A builder starting from CTGAN's defaults. */
  public static Builder builder() {
    return builder(Kind.CTGAN);
  }

  /**
   * A builder starting from the defaults of {@code kind}. CTGAN: 300 epochs, batch 500, latent 128,
   * (256, 256) both networks, pac 10, Adam 2e-4 (0.5, 0.9), weight decay 1e-6, λ = 10, dropout 0.5,
   * τ = 0.2. BASIC: latent 64, (128, 128) both networks, Adam 2e-4 (0.5, 0.999), no pac, weight
   * decay, penalty or dropout.
   */
  public static Builder builder(Kind kind) {
    Builder b = new Builder(Objects.requireNonNull(kind, "kind"));
    if (kind == Kind.CTGAN) {
      b.latentDim = 128;
      b.generatorDims = List.of(256, 256);
      b.discriminatorDims = List.of(256, 256);
      b.pac = 10;
      b.beta2 = 0.9;
      b.generatorWeightDecay = 1e-6;
      b.discriminatorWeightDecay = 1e-6;
      b.gradientPenalty = 10;
      b.dropout = 0.5;
    }
    return b;
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder(kind);
    b.epochs = epochs;
    b.batchSize = batchSize;
    b.latentDim = latentDim;
    b.generatorDims = generatorDims;
    b.discriminatorDims = discriminatorDims;
    b.pac = pac;
    b.generatorLearningRate = generatorLearningRate;
    b.discriminatorLearningRate = discriminatorLearningRate;
    b.beta1 = beta1;
    b.beta2 = beta2;
    b.generatorWeightDecay = generatorWeightDecay;
    b.discriminatorWeightDecay = discriminatorWeightDecay;
    b.gradientPenalty = gradientPenalty;
    b.discriminatorSteps = discriminatorSteps;
    b.dropout = dropout;
    b.criticLayerNorm = criticLayerNorm;
    b.gumbelTau = gumbelTau;
    b.snapshotEvery = snapshotEvery;
    b.informationLoss = informationLoss;
    b.classifierLoss = classifierLoss;
    b.classifierTarget = classifierTarget;
    return b;
  }

  /**
   * CTGAN's defaults: 300 epochs, batch 500, latent 128, (256, 256) both networks, pac 10, Adam
   * 2e-4 (0.5, 0.9).
   */
  public static GanSettings ctganDefaults() {
    return builder(Kind.CTGAN).build();
  }

  /**
   * A plain MLP GAN: latent 64, (128, 128) both networks, BCE, Adam 2e-4 (0.5, 0.999), no pac or
   * penalty.
   */
  public static GanSettings basicDefaults() {
    return builder(Kind.BASIC).build();
  }

  /** The defaults of {@code kind}. */
  public static GanSettings defaults(Kind kind) {
    return builder(kind).build();
  }

  /**
   * Settings for a table of {@code rows} training rows. Large tables get the defaults. Small tables
   * get narrower networks, a batch of about a quarter of the rows (at least 5 pac groups, at most
   * 500) and enough epochs for about {@link #SMALL_TABLE_TARGET_STEPS} generator steps, capped at
   * 2,000 epochs.
   */
  public static GanSettings forData(Kind kind, int rows) {
    GanSettings base = defaults(kind);
    if (rows >= SMALL_TABLE_ROWS) {
      return base;
    }
    int pac = base.pac();
    int batch = Math.min(500, Math.max(5 * pac, roundUp(Math.max(rows / 4, 1), Math.max(pac, 2))));
    int stepsPerEpoch = Math.max(rows / batch, 1);
    int epochs =
        Math.max(base.epochs(), Math.min(2_000, ceilDiv(SMALL_TABLE_TARGET_STEPS, stepsPerEpoch)));
    return base.toBuilder()
        .optBatchSize(batch)
        .optEpochs(epochs)
        .optGeneratorDims(List.of(128, 128))
        .optDiscriminatorDims(List.of(128, 128))
        .build();
  }

  /** Which GAN to train. */
  public Kind kind() {
    return kind;
  }

  /** Passes over the training rows. */
  public int epochs() {
    return epochs;
  }

  /** Rows per step; a multiple of {@link #pac()}. */
  public int batchSize() {
    return batchSize;
  }

  /** Width of the generator's noise input. */
  public int latentDim() {
    return latentDim;
  }

  /** Hidden widths of the generator (CTGAN: residual blocks). */
  public List<Integer> generatorDims() {
    return generatorDims;
  }

  /** Hidden widths of the discriminator. */
  public List<Integer> discriminatorDims() {
    return discriminatorDims;
  }

  /** Rows packed into one discriminator sample (PacGAN); 1 for none. */
  public int pac() {
    return pac;
  }

  /** Adam learning rate of the generator. */
  public double generatorLearningRate() {
    return generatorLearningRate;
  }

  /** Adam learning rate of the discriminator. */
  public double discriminatorLearningRate() {
    return discriminatorLearningRate;
  }

  /** Adam's first-moment decay. */
  public double beta1() {
    return beta1;
  }

  /** Adam's second-moment decay. */
  public double beta2() {
    return beta2;
  }

  /** L2 weight decay of the generator (added to the gradient, as PyTorch's Adam does). */
  public double generatorWeightDecay() {
    return generatorWeightDecay;
  }

  /** L2 weight decay of the discriminator. */
  public double discriminatorWeightDecay() {
    return discriminatorWeightDecay;
  }

  /** WGAN-GP penalty weight λ (CTGAN only). */
  public double gradientPenalty() {
    return gradientPenalty;
  }

  /** Discriminator steps per generator step. */
  public int discriminatorSteps() {
    return discriminatorSteps;
  }

  /** Discriminator dropout probability. */
  public double dropout() {
    return dropout;
  }

  /**
   * Whether each hidden layer of the discriminator normalises its pre-activations over the layer
   * (layer norm with a learned scale and shift, before LeakyReLU): the critic normalisation WGAN-GP
   * recommends, since batch norm would couple the rows that the gradient penalty treats one by one.
   * Off by default; refused under DP, whose per-record clipping assumes plain linear layers.
   */
  public boolean criticLayerNorm() {
    return criticLayerNorm;
  }

  /** Gumbel-softmax temperature for SOFTMAX spans (CTGAN only). */
  public double gumbelTau() {
    return gumbelTau;
  }

  /** Export a snapshot every this many epochs, or 0 for none. */
  public int snapshotEvery() {
    return snapshotEvery;
  }

  /**
   * Weight of CTAB-GAN's information loss in the generator's loss, 0 for none (the default): the L1
   * distances between the means and between the standard deviations of the critic's last hidden
   * features on a real and on a generated batch (CTGAN only).
   */
  public double informationLoss() {
    return informationLoss;
  }

  /**
   * Weight of CTAB-GAN+'s auxiliary classifier loss in the generator's loss, 0 for none (the
   * default): an MLP trained alongside on real rows predicts {@link #classifierTarget()} from the
   * other encoded columns, and the generator pays the cross-entropy between the target it generated
   * and the classifier's prediction from its other columns (CTGAN only).
   */
  public double classifierLoss() {
    return classifierLoss;
  }

  /**
   * The discrete column the auxiliary classifier predicts, or null when {@link #classifierLoss()}
   * is 0.
   */
  public String classifierTarget() {
    return classifierTarget;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof GanSettings o
        && kind == o.kind
        && epochs == o.epochs
        && batchSize == o.batchSize
        && latentDim == o.latentDim
        && generatorDims.equals(o.generatorDims)
        && discriminatorDims.equals(o.discriminatorDims)
        && pac == o.pac
        && Double.compare(generatorLearningRate, o.generatorLearningRate) == 0
        && Double.compare(discriminatorLearningRate, o.discriminatorLearningRate) == 0
        && Double.compare(beta1, o.beta1) == 0
        && Double.compare(beta2, o.beta2) == 0
        && Double.compare(generatorWeightDecay, o.generatorWeightDecay) == 0
        && Double.compare(discriminatorWeightDecay, o.discriminatorWeightDecay) == 0
        && Double.compare(gradientPenalty, o.gradientPenalty) == 0
        && discriminatorSteps == o.discriminatorSteps
        && Double.compare(dropout, o.dropout) == 0
        && criticLayerNorm == o.criticLayerNorm
        && Double.compare(gumbelTau, o.gumbelTau) == 0
        && snapshotEvery == o.snapshotEvery
        && Double.compare(informationLoss, o.informationLoss) == 0
        && Double.compare(classifierLoss, o.classifierLoss) == 0
        && Objects.equals(classifierTarget, o.classifierTarget);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        kind,
        epochs,
        batchSize,
        latentDim,
        generatorDims,
        discriminatorDims,
        pac,
        generatorLearningRate,
        discriminatorLearningRate,
        beta1,
        beta2,
        generatorWeightDecay,
        discriminatorWeightDecay,
        gradientPenalty,
        discriminatorSteps,
        dropout,
        criticLayerNorm,
        gumbelTau,
        snapshotEvery,
        informationLoss,
        classifierLoss,
        classifierTarget);
  }

  @Override
  public String toString() {
    return "GanSettings[kind="
        + kind
        + ", epochs="
        + epochs
        + ", batchSize="
        + batchSize
        + ", latentDim="
        + latentDim
        + ", generatorDims="
        + generatorDims
        + ", discriminatorDims="
        + discriminatorDims
        + ", pac="
        + pac
        + ", generatorLearningRate="
        + generatorLearningRate
        + ", discriminatorLearningRate="
        + discriminatorLearningRate
        + ", beta1="
        + beta1
        + ", beta2="
        + beta2
        + ", generatorWeightDecay="
        + generatorWeightDecay
        + ", discriminatorWeightDecay="
        + discriminatorWeightDecay
        + ", gradientPenalty="
        + gradientPenalty
        + ", discriminatorSteps="
        + discriminatorSteps
        + ", dropout="
        + dropout
        + ", criticLayerNorm="
        + criticLayerNorm
        + ", gumbelTau="
        + gumbelTau
        + ", snapshotEvery="
        + snapshotEvery
        + ", informationLoss="
        + informationLoss
        + ", classifierLoss="
        + classifierLoss
        + ", classifierTarget="
        + classifierTarget
        + "]";
  }

  /** Builds {@link GanSettings}; every {@code optX} has a default from the kind. */
  public static final class Builder {
    private final Kind kind;
    private int epochs = 300;
    private int batchSize = 500;
    private int latentDim = 64;
    private List<Integer> generatorDims = List.of(128, 128);
    private List<Integer> discriminatorDims = List.of(128, 128);
    private int pac = 1;
    private double generatorLearningRate = 2e-4;
    private double discriminatorLearningRate = 2e-4;
    private double beta1 = 0.5;
    private double beta2 = 0.999;
    private double generatorWeightDecay;
    private double discriminatorWeightDecay;
    private double gradientPenalty;
    private int discriminatorSteps = 1;
    private double dropout;
    private boolean criticLayerNorm;
    private double gumbelTau = 0.2;
    private int snapshotEvery;
    private double informationLoss;
    private double classifierLoss;
    private String classifierTarget;

    private Builder(Kind kind) {
      this.kind = kind;
    }

    /** Passes over the training rows. */
    public Builder optEpochs(int value) {
      epochs = value;
      return this;
    }

    /** Rows per step; a multiple of pac. */
    public Builder optBatchSize(int value) {
      batchSize = value;
      return this;
    }

    /** Width of the generator's noise input. */
    public Builder optLatentDim(int value) {
      latentDim = value;
      return this;
    }

    /** Hidden widths of the generator; may be empty. */
    public Builder optGeneratorDims(List<Integer> value) {
      generatorDims = List.copyOf(value);
      return this;
    }

    /** Hidden widths of the discriminator; at least one. */
    public Builder optDiscriminatorDims(List<Integer> value) {
      discriminatorDims = List.copyOf(value);
      return this;
    }

    /** Rows packed into one discriminator sample; 1 for none. */
    public Builder optPac(int value) {
      pac = value;
      return this;
    }

    /** Adam learning rate of the generator. */
    public Builder optGeneratorLearningRate(double value) {
      generatorLearningRate = value;
      return this;
    }

    /** Adam learning rate of the discriminator. */
    public Builder optDiscriminatorLearningRate(double value) {
      discriminatorLearningRate = value;
      return this;
    }

    /** Adam's first-moment decay, in [0, 1). */
    public Builder optBeta1(double value) {
      beta1 = value;
      return this;
    }

    /** Adam's second-moment decay, in [0, 1). */
    public Builder optBeta2(double value) {
      beta2 = value;
      return this;
    }

    /** L2 weight decay of the generator. */
    public Builder optGeneratorWeightDecay(double value) {
      generatorWeightDecay = value;
      return this;
    }

    /** L2 weight decay of the discriminator. */
    public Builder optDiscriminatorWeightDecay(double value) {
      discriminatorWeightDecay = value;
      return this;
    }

    /** WGAN-GP penalty weight λ. */
    public Builder optGradientPenalty(double value) {
      gradientPenalty = value;
      return this;
    }

    /** Discriminator steps per generator step. */
    public Builder optDiscriminatorSteps(int value) {
      discriminatorSteps = value;
      return this;
    }

    /** Discriminator dropout probability, in [0, 1). */
    public Builder optDropout(double value) {
      dropout = value;
      return this;
    }

    /** Layer norm in each hidden layer of the discriminator; off by default. */
    public Builder optCriticLayerNorm(boolean value) {
      criticLayerNorm = value;
      return this;
    }

    /** Gumbel-softmax temperature. */
    public Builder optGumbelTau(double value) {
      gumbelTau = value;
      return this;
    }

    /** Export a snapshot every this many epochs, or 0 for none. */
    public Builder optSnapshotEvery(int value) {
      snapshotEvery = value;
      return this;
    }

    /** Weight of the information loss (CTAB-GAN), 0 for none. */
    public Builder optInformationLoss(double value) {
      informationLoss = value;
      return this;
    }

    /**
     * The auxiliary classifier (CTAB-GAN+): its loss weight, 0 for none, and the discrete column it
     * predicts (null when the weight is 0).
     */
    public Builder optClassifierLoss(double weight, String target) {
      classifierLoss = weight;
      classifierTarget = target;
      return this;
    }

    /**
     * The settings.
     *
     * @throws InvalidInputException naming the parameter and the fix when a value is out of range
     */
    public GanSettings build() {
      SettingChecks.positive("epochs", epochs);
      SettingChecks.positive("batchSize", batchSize);
      SettingChecks.positive("latentDim", latentDim);
      SettingChecks.positive("pac", pac);
      SettingChecks.positive("discriminatorSteps", discriminatorSteps);
      if (snapshotEvery < 0) {
        throw InvalidInputException.inParameter(
            "snapshotEvery",
            "snapshotEvery must be 0 (no snapshots) or more, was " + snapshotEvery);
      }
      if (batchSize % pac != 0) {
        throw InvalidInputException.inParameter(
            "batchSize",
            "batchSize "
                + batchSize
                + " must be a multiple of pac "
                + pac
                + "; use e.g. "
                + roundUp(batchSize, pac));
      }
      for (int dim : generatorDims) {
        SettingChecks.positive("generatorDims", dim);
      }
      if (discriminatorDims.isEmpty()) {
        throw InvalidInputException.inParameter(
            "discriminatorDims",
            "the discriminator needs a hidden layer: give discriminatorDims at least one width");
      }
      for (int dim : discriminatorDims) {
        SettingChecks.positive("discriminatorDims", dim);
      }
      SettingChecks.positive("generatorLearningRate", generatorLearningRate);
      SettingChecks.positive("discriminatorLearningRate", discriminatorLearningRate);
      SettingChecks.unitInterval("beta1", beta1);
      SettingChecks.unitInterval("beta2", beta2);
      SettingChecks.unitInterval("dropout", dropout);
      SettingChecks.nonNegative("generatorWeightDecay", generatorWeightDecay);
      SettingChecks.nonNegative("discriminatorWeightDecay", discriminatorWeightDecay);
      SettingChecks.nonNegative("gradientPenalty", gradientPenalty);
      SettingChecks.positive("gumbelTau", gumbelTau);
      SettingChecks.nonNegative("informationLoss", informationLoss);
      SettingChecks.nonNegative("classifierLoss", classifierLoss);
      if (kind != Kind.CTGAN && (informationLoss > 0 || classifierLoss > 0)) {
        throw InvalidInputException.inParameter(
            informationLoss > 0 ? "informationLoss" : "classifierLoss",
            "the information and classifier losses need the CTGAN's critic and conditional"
                + " vector; use kind CTGAN or set both weights to 0");
      }
      if (classifierLoss > 0 && (classifierTarget == null || classifierTarget.isBlank())) {
        throw InvalidInputException.inParameter(
            "classifierTarget",
            "classifierLoss "
                + classifierLoss
                + " needs the discrete target column the classifier predicts; name it, or set"
                + " classifierLoss to 0");
      }
      if (classifierLoss == 0 && classifierTarget != null) {
        throw InvalidInputException.inParameter(
            "classifierTarget",
            "classifierTarget '"
                + classifierTarget
                + "' is set but classifierLoss is 0; give a positive weight or no target");
      }
      return new GanSettings(this);
    }
  }

  private static int roundUp(int value, int multiple) {
    return ceilDiv(value, multiple) * multiple;
  }

  private static int ceilDiv(int value, int divisor) {
    return (value + divisor - 1) / divisor;
  }
}

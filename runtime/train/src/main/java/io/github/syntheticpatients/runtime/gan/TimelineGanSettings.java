package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.InvalidInputException;
import java.util.Objects;

/**
 * Hyper-parameters of a {@link TimelineGanTrainer} training (Health Gym's WGAN for patient
 * timelines), immutable. Other settings start from the {@link #defaults()}:
 *
 * <pre>{@code
 * TimelineGanSettings settings = TimelineGanSettings.builder().optEpochs(120).optBatchSize(16).build();
 * TimelineGanSettings quiet = settings.toBuilder().optMomentWeight(0).build();
 * }</pre>
 *
 * {@link Builder#build()} checks every value and names the parameter and the fix.
 */
public final class TimelineGanSettings {

  /**
   * Generator steps {@link #forData} aims for. 1,000 rather than Health Gym's longer runs: on
   * pbcseq (100 training patients, two splits) 2,000 steps bought +0.01 overall quality but moved
   * the patient-level DCR share from 0.63–0.67 to 0.68–0.73 and the MIA AUC from 0.51–0.59 to
   * 0.55–0.63, i.e. the extra steps mostly memorised the training patients
   * (docs/benchmarks/longitudinal.md, "Tuning").
   */
  public static final int TARGET_GENERATOR_STEPS = 1_000;

  private final int epochs;
  private final int batchSize;
  private final int latentDim;
  private final int lstmHidden;
  private final int mlpHidden;
  private final int criticHidden;
  private final int criticSteps;
  private final double generatorLearningRate;
  private final double criticLearningRate;
  private final double beta1;
  private final double beta2;
  private final double penaltyWeight;
  private final double finiteDifferenceStep;
  private final double correlationWeight;
  private final boolean curriculum;
  private final double momentWeight;
  private final double staticNoise;

  private TimelineGanSettings(Builder b) {
    epochs = b.epochs;
    batchSize = b.batchSize;
    latentDim = b.latentDim;
    lstmHidden = b.lstmHidden;
    mlpHidden = b.mlpHidden;
    criticHidden = b.criticHidden;
    criticSteps = b.criticSteps;
    generatorLearningRate = b.generatorLearningRate;
    criticLearningRate = b.criticLearningRate;
    beta1 = b.beta1;
    beta2 = b.beta2;
    penaltyWeight = b.penaltyWeight;
    finiteDifferenceStep = b.finiteDifferenceStep;
    correlationWeight = b.correlationWeight;
    curriculum = b.curriculum;
    momentWeight = b.momentWeight;
    staticNoise = b.staticNoise;
  }

  /** A builder starting from the {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding these settings, to change some of them. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.epochs = epochs;
    b.batchSize = batchSize;
    b.latentDim = latentDim;
    b.lstmHidden = lstmHidden;
    b.mlpHidden = mlpHidden;
    b.criticHidden = criticHidden;
    b.criticSteps = criticSteps;
    b.generatorLearningRate = generatorLearningRate;
    b.criticLearningRate = criticLearningRate;
    b.beta1 = beta1;
    b.beta2 = beta2;
    b.penaltyWeight = penaltyWeight;
    b.finiteDifferenceStep = finiteDifferenceStep;
    b.correlationWeight = correlationWeight;
    b.curriculum = curriculum;
    b.momentWeight = momentWeight;
    b.staticNoise = staticNoise;
    return b;
  }

  /**
   * Defaults for small clinical data (a few hundred patients, up to ~50 steps, 20–60 encoded values
   * a step): batch 32 patients, latent 16, LSTMs of 64 units, a 64-unit head, a 64-unit LSTM
   * critic, 5 critic steps per generator step, Adam 1e-3 with (0.5, 0.9), λ = 10, {@code h} = 0.01,
   * correlation weight 1, curriculum on, moment weight 1, 300 epochs. Small networks because a few
   * hundred patients cannot support more, and they keep an epoch well under a second on a CPU. On
   * pbcseq (312 patients, 16 steps, crude encoding, one seed, 200 epochs) Adam 1e-3 gave a mean
   * correlation gap of 0.09 against 0.15 with 5e-4, and spreads closer to the real ones; batch 64
   * was worse than 32 (fewer steps); correlation weight 0 gave 0.17. Moment weight 1 against 0
   * (pbcseq benchmark, 300 epochs, snapshot selection) raised the pooled visit-value score from
   * 0.89 to 0.91 and the gap score from 0.76 to 0.86: without it the synthetic spreads were
   * 0.65–0.8 of the real ones (docs/benchmarks/longitudinal.md, "Tuning").
   */
  public static TimelineGanSettings defaults() {
    return builder().build();
  }

  /**
   * Defaults sized for {@code patients} timelines of up to {@code maxSteps} steps: batch 32 below
   * 1,000 patients and 64 from there, and enough epochs for about {@link #TARGET_GENERATOR_STEPS}
   * generator steps (30 to 1,000). {@code maxSteps} is only checked: longer sequences make each
   * step slower but, in Health Gym's experience, need no more steps; it is in the signature so that
   * the choice can depend on it without changing callers.
   */
  public static TimelineGanSettings forData(int patients, int maxSteps) {
    if (patients < 1 || maxSteps < 1) {
      throw InvalidInputException.inParameter(
          "patients",
          "need at least one patient and one step, got " + patients + " and " + maxSteps);
    }
    int batch = Math.min(patients, patients < 1_000 ? 32 : 64);
    int stepsPerEpoch = Math.max(patients / batch, 1);
    int epochs =
        Math.max(30, Math.min(1_000, (TARGET_GENERATOR_STEPS + stepsPerEpoch - 1) / stepsPerEpoch));
    return builder().optBatchSize(batch).optEpochs(epochs).build();
  }

  /** Passes over the patients. */
  public int epochs() {
    return epochs;
  }

  /** Patients per step (capped at the number of patients). */
  public int batchSize() {
    return batchSize;
  }

  /** Width of the per-step noise {@code z_t}. */
  public int latentDim() {
    return latentDim;
  }

  /** Hidden width of each of the generator's two LSTMs. */
  public int lstmHidden() {
    return lstmHidden;
  }

  /** Width of the generator head's hidden layer (LeakyReLU) between the LSTMs and the output. */
  public int mlpHidden() {
    return mlpHidden;
  }

  /** Hidden width of the critic's LSTM and of its head's hidden layer. */
  public int criticHidden() {
    return criticHidden;
  }

  /** Critic steps per generator step ({@code n_critic}; Health Gym uses 5). */
  public int criticSteps() {
    return criticSteps;
  }

  /** Adam learning rate of the generator. */
  public double generatorLearningRate() {
    return generatorLearningRate;
  }

  /** Adam learning rate of the critic. */
  public double criticLearningRate() {
    return criticLearningRate;
  }

  /** Adam's first-moment decay, in [0, 1). */
  public double beta1() {
    return beta1;
  }

  /** Adam's second-moment decay, in [0, 1). */
  public double beta2() {
    return beta2;
  }

  /** Weight λ of the finite-difference gradient penalty. */
  public double penaltyWeight() {
    return penaltyWeight;
  }

  /** Step {@code h} of the central difference along the real−fake direction. */
  public double finiteDifferenceStep() {
    return finiteDifferenceStep;
  }

  /** Weight of the correlation-alignment loss in the generator step (0 turns it off). */
  public double correlationWeight() {
    return correlationWeight;
  }

  /** Whether early epochs train on truncated sequences (see {@link TimelineGanTrainer}). */
  public boolean curriculum() {
    return curriculum;
  }

  /**
   * Weight of the moment-matching loss in the generator step (0 turns it off): the mean absolute
   * difference between the real and the synthetic per-feature means and standard deviations over
   * the valid steps.
   */
  public double momentWeight() {
    return momentWeight;
  }

  /**
   * Standard deviation of Gaussian noise added, per patient, to the encoded static attributes the
   * generator is conditioned on during training (0 turns it off); it blurs the exact static values
   * that let the generator key whole trajectories to individual training patients.
   */
  public double staticNoise() {
    return staticNoise;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TimelineGanSettings o
        && epochs == o.epochs
        && batchSize == o.batchSize
        && latentDim == o.latentDim
        && lstmHidden == o.lstmHidden
        && mlpHidden == o.mlpHidden
        && criticHidden == o.criticHidden
        && criticSteps == o.criticSteps
        && Double.compare(generatorLearningRate, o.generatorLearningRate) == 0
        && Double.compare(criticLearningRate, o.criticLearningRate) == 0
        && Double.compare(beta1, o.beta1) == 0
        && Double.compare(beta2, o.beta2) == 0
        && Double.compare(penaltyWeight, o.penaltyWeight) == 0
        && Double.compare(finiteDifferenceStep, o.finiteDifferenceStep) == 0
        && Double.compare(correlationWeight, o.correlationWeight) == 0
        && curriculum == o.curriculum
        && Double.compare(momentWeight, o.momentWeight) == 0
        && Double.compare(staticNoise, o.staticNoise) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        epochs,
        batchSize,
        latentDim,
        lstmHidden,
        mlpHidden,
        criticHidden,
        criticSteps,
        generatorLearningRate,
        criticLearningRate,
        beta1,
        beta2,
        penaltyWeight,
        finiteDifferenceStep,
        correlationWeight,
        curriculum,
        momentWeight,
        staticNoise);
  }

  @Override
  public String toString() {
    return "TimelineGanSettings["
        + "epochs="
        + epochs
        + ", batchSize="
        + batchSize
        + ", latentDim="
        + latentDim
        + ", lstmHidden="
        + lstmHidden
        + ", mlpHidden="
        + mlpHidden
        + ", criticHidden="
        + criticHidden
        + ", criticSteps="
        + criticSteps
        + ", generatorLearningRate="
        + generatorLearningRate
        + ", criticLearningRate="
        + criticLearningRate
        + ", beta1="
        + beta1
        + ", beta2="
        + beta2
        + ", penaltyWeight="
        + penaltyWeight
        + ", finiteDifferenceStep="
        + finiteDifferenceStep
        + ", correlationWeight="
        + correlationWeight
        + ", curriculum="
        + curriculum
        + ", momentWeight="
        + momentWeight
        + ", staticNoise="
        + staticNoise
        + "]";
  }

  /**
   * Builds {@link TimelineGanSettings}; every {@code optX} starts at its {@link #defaults()} value.
   */
  public static final class Builder {
    private int epochs = 300;
    private int batchSize = 32;
    private int latentDim = 16;
    private int lstmHidden = 64;
    private int mlpHidden = 64;
    private int criticHidden = 64;
    private int criticSteps = 5;
    private double generatorLearningRate = 1e-3;
    private double criticLearningRate = 1e-3;
    private double beta1 = 0.5;
    private double beta2 = 0.9;
    private double penaltyWeight = 10;
    private double finiteDifferenceStep = 0.01;
    private double correlationWeight = 1.0;
    private boolean curriculum = true;
    private double momentWeight = 1.0;
    private double staticNoise = 0;

    private Builder() {}

    /** Passes over the patients. */
    public Builder optEpochs(int value) {
      epochs = value;
      return this;
    }

    /** Patients per step (capped at the number of patients). */
    public Builder optBatchSize(int value) {
      batchSize = value;
      return this;
    }

    /** Width of the per-step noise {@code z_t}. */
    public Builder optLatentDim(int value) {
      latentDim = value;
      return this;
    }

    /** Hidden width of each of the generator's two LSTMs. */
    public Builder optLstmHidden(int value) {
      lstmHidden = value;
      return this;
    }

    /** Width of the generator head's hidden layer (LeakyReLU) between the LSTMs and the output. */
    public Builder optMlpHidden(int value) {
      mlpHidden = value;
      return this;
    }

    /** Hidden width of the critic's LSTM and of its head's hidden layer. */
    public Builder optCriticHidden(int value) {
      criticHidden = value;
      return this;
    }

    /** Critic steps per generator step ({@code n_critic}; Health Gym uses 5). */
    public Builder optCriticSteps(int value) {
      criticSteps = value;
      return this;
    }

    /** Adam learning rate of the generator. */
    public Builder optGeneratorLearningRate(double value) {
      generatorLearningRate = value;
      return this;
    }

    /** Adam learning rate of the critic. */
    public Builder optCriticLearningRate(double value) {
      criticLearningRate = value;
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

    /** Weight λ of the finite-difference gradient penalty. */
    public Builder optPenaltyWeight(double value) {
      penaltyWeight = value;
      return this;
    }

    /** Step {@code h} of the central difference along the real−fake direction. */
    public Builder optFiniteDifferenceStep(double value) {
      finiteDifferenceStep = value;
      return this;
    }

    /** Weight of the correlation-alignment loss in the generator step (0 turns it off). */
    public Builder optCorrelationWeight(double value) {
      correlationWeight = value;
      return this;
    }

    /** Whether early epochs train on truncated sequences (see {@link TimelineGanTrainer}). */
    public Builder optCurriculum(boolean value) {
      curriculum = value;
      return this;
    }

    /**
     * Weight of the moment-matching loss in the generator step (0 turns it off): the mean absolute
     * difference between the real and the synthetic per-feature means and standard deviations over
     * the valid steps.
     */
    public Builder optMomentWeight(double value) {
      momentWeight = value;
      return this;
    }

    /**
     * Standard deviation of Gaussian noise added, per patient, to the encoded static attributes the
     * generator is conditioned on during training (0 turns it off); it blurs the exact static
     * values that let the generator key whole trajectories to individual training patients.
     */
    public Builder optStaticNoise(double value) {
      staticNoise = value;
      return this;
    }

    /**
     * The settings.
     *
     * @throws InvalidInputException naming the parameter and the fix when a value is out of range
     */
    public TimelineGanSettings build() {
      SettingChecks.positive("epochs", epochs);
      SettingChecks.positive("batchSize", batchSize);
      SettingChecks.positive("latentDim", latentDim);
      SettingChecks.positive("lstmHidden", lstmHidden);
      SettingChecks.positive("mlpHidden", mlpHidden);
      SettingChecks.positive("criticHidden", criticHidden);
      SettingChecks.positive("criticSteps", criticSteps);
      SettingChecks.positive("generatorLearningRate", generatorLearningRate);
      SettingChecks.positive("criticLearningRate", criticLearningRate);
      SettingChecks.unitInterval("beta1", beta1);
      SettingChecks.unitInterval("beta2", beta2);
      SettingChecks.nonNegative("penaltyWeight", penaltyWeight);
      SettingChecks.positive("finiteDifferenceStep", finiteDifferenceStep);
      SettingChecks.nonNegative("correlationWeight", correlationWeight);
      SettingChecks.nonNegative("momentWeight", momentWeight);
      SettingChecks.nonNegative("staticNoise", staticNoise);
      return new TimelineGanSettings(this);
    }
  }
}

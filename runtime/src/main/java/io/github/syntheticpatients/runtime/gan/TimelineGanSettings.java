package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.InvalidInputException;

/**
 * Hyper-parameters of a {@link TimelineGanTrainer} training (Health Gym's WGAN for patient timelines).
 *
 * @param epochs passes over the patients
 * @param batchSize patients per step (capped at the number of patients)
 * @param latentDim width of the per-step noise {@code z_t}
 * @param lstmHidden hidden width of each of the generator's two LSTMs
 * @param mlpHidden width of the generator head's hidden layer (LeakyReLU) between the LSTMs and the output
 * @param criticHidden hidden width of the critic's LSTM and of its head's hidden layer
 * @param criticSteps critic steps per generator step ({@code n_critic}; Health Gym uses 5)
 * @param generatorLearningRate Adam learning rate of the generator
 * @param criticLearningRate Adam learning rate of the critic
 * @param beta1 Adam's first-moment decay
 * @param beta2 Adam's second-moment decay
 * @param penaltyWeight weight λ of the finite-difference gradient penalty
 * @param finiteDifferenceStep step {@code h} of the central difference along the real−fake direction
 * @param correlationWeight weight of the correlation-alignment loss in the generator step (0 turns it off)
 * @param curriculum whether early epochs train on truncated sequences (see {@link TimelineGanTrainer})
 * @param momentWeight weight of the moment-matching loss in the generator step (0 turns it off): the mean absolute
 *     difference between the real and the synthetic per-feature means and standard deviations over the valid steps
 * @param staticNoise standard deviation of Gaussian noise added, per patient, to the encoded static attributes the
 *     generator is conditioned on during training (0 turns it off); it blurs the exact static values that let the
 *     generator key whole trajectories to individual training patients
 */
public record TimelineGanSettings(
    int epochs,
    int batchSize,
    int latentDim,
    int lstmHidden,
    int mlpHidden,
    int criticHidden,
    int criticSteps,
    double generatorLearningRate,
    double criticLearningRate,
    double beta1,
    double beta2,
    double penaltyWeight,
    double finiteDifferenceStep,
    double correlationWeight,
    boolean curriculum,
    double momentWeight,
    double staticNoise) {

  /**
   * Generator steps {@link #forData} aims for. 1,000 rather than Health Gym's longer runs: on pbcseq (100 training
   * patients, two splits) 2,000 steps bought +0.01 overall quality but moved the patient-level DCR share from
   * 0.63–0.67 to 0.68–0.73 and the MIA AUC from 0.51–0.59 to 0.55–0.63, i.e. the extra steps mostly memorised the
   * training patients (docs/benchmarks/longitudinal.md, "Tuning").
   */
  public static final int TARGET_GENERATOR_STEPS = 1_000;

  public TimelineGanSettings {
    positive("epochs", epochs);
    positive("batchSize", batchSize);
    positive("latentDim", latentDim);
    positive("lstmHidden", lstmHidden);
    positive("mlpHidden", mlpHidden);
    positive("criticHidden", criticHidden);
    positive("criticSteps", criticSteps);
    positive("generatorLearningRate", generatorLearningRate);
    positive("criticLearningRate", criticLearningRate);
    if (!(beta1 >= 0 && beta1 < 1)) {
      throw InvalidInputException.inParameter("beta1", "beta1 must be in [0, 1), was " + beta1);
    }
    if (!(beta2 >= 0 && beta2 < 1)) {
      throw InvalidInputException.inParameter("beta2", "beta2 must be in [0, 1), was " + beta2);
    }
    if (!(penaltyWeight >= 0)) {
      throw InvalidInputException.inParameter("penaltyWeight", "penaltyWeight must be 0 or more, was "
          + penaltyWeight);
    }
    positive("finiteDifferenceStep", finiteDifferenceStep);
    if (!(correlationWeight >= 0)) {
      throw InvalidInputException.inParameter("correlationWeight", "correlationWeight must be 0 or more, was "
          + correlationWeight);
    }
    if (!(momentWeight >= 0)) {
      throw InvalidInputException.inParameter("momentWeight", "momentWeight must be 0 or more, was " + momentWeight);
    }
    if (!(staticNoise >= 0)) {
      throw InvalidInputException.inParameter("staticNoise", "staticNoise must be 0 or more, was " + staticNoise);
    }
  }

  /**
   * Defaults for small clinical data (a few hundred patients, up to ~50 steps, 20–60 encoded values a step): batch
   * 32 patients, latent 16, LSTMs of 64 units, a 64-unit head, a 64-unit LSTM critic, 5 critic steps per generator
   * step, Adam 1e-3 with (0.5, 0.9), λ = 10, {@code h} = 0.01, correlation weight 1, curriculum on, moment weight 1,
   * 300 epochs.
   * Small networks because a few hundred patients cannot support more, and they keep an epoch well under a second
   * on a CPU. On pbcseq (312 patients, 16 steps, crude encoding, one seed, 200 epochs) Adam 1e-3 gave a mean
   * correlation gap of 0.09 against 0.15 with 5e-4, and spreads closer to the real ones; batch 64 was worse than 32
   * (fewer steps); correlation weight 0 gave 0.17. Moment weight 1 against 0 (pbcseq benchmark, 300 epochs, snapshot
   * selection) raised the pooled visit-value score from 0.89 to 0.91 and the gap score from 0.76 to 0.86: without
   * it the synthetic spreads were 0.65–0.8 of the real ones (docs/benchmarks/longitudinal.md, "Tuning").
   */
  public static TimelineGanSettings defaults() {
    return new TimelineGanSettings(300, 32, 16, 64, 64, 64, 5, 1e-3, 1e-3, 0.5, 0.9, 10, 0.01, 1.0, true, 1.0, 0);
  }

  /**
   * Defaults sized for {@code patients} timelines of up to {@code maxSteps} steps: batch 32 below 1,000 patients and
   * 64 from there, and enough epochs for about {@link #TARGET_GENERATOR_STEPS} generator steps (30 to 1,000).
   * {@code maxSteps} is only checked: longer sequences make each step slower but, in Health Gym's experience, need
   * no more steps; it is in the signature so that the choice can depend on it without changing callers.
   */
  public static TimelineGanSettings forData(int patients, int maxSteps) {
    if (patients < 1 || maxSteps < 1) {
      throw InvalidInputException.inParameter("patients", "need at least one patient and one step, got "
          + patients + " and " + maxSteps);
    }
    int batch = Math.min(patients, patients < 1_000 ? 32 : 64);
    int stepsPerEpoch = Math.max(patients / batch, 1);
    int epochs = Math.max(30, Math.min(1_000, (TARGET_GENERATOR_STEPS + stepsPerEpoch - 1) / stepsPerEpoch));
    return defaults().withBatchSize(batch).withEpochs(epochs);
  }

  public TimelineGanSettings withEpochs(int value) {
    return new TimelineGanSettings(value, batchSize, latentDim, lstmHidden, mlpHidden, criticHidden, criticSteps,
        generatorLearningRate, criticLearningRate, beta1, beta2, penaltyWeight, finiteDifferenceStep,
        correlationWeight, curriculum, momentWeight, staticNoise);
  }

  public TimelineGanSettings withBatchSize(int value) {
    return new TimelineGanSettings(epochs, value, latentDim, lstmHidden, mlpHidden, criticHidden, criticSteps,
        generatorLearningRate, criticLearningRate, beta1, beta2, penaltyWeight, finiteDifferenceStep,
        correlationWeight, curriculum, momentWeight, staticNoise);
  }

  public TimelineGanSettings withLatentDim(int value) {
    return new TimelineGanSettings(epochs, batchSize, value, lstmHidden, mlpHidden, criticHidden, criticSteps,
        generatorLearningRate, criticLearningRate, beta1, beta2, penaltyWeight, finiteDifferenceStep,
        correlationWeight, curriculum, momentWeight, staticNoise);
  }

  /** Sets the generator's LSTM width, its head's hidden width and the critic's width. */
  public TimelineGanSettings withWidths(int lstm, int mlp, int critic) {
    return new TimelineGanSettings(epochs, batchSize, latentDim, lstm, mlp, critic, criticSteps,
        generatorLearningRate, criticLearningRate, beta1, beta2, penaltyWeight, finiteDifferenceStep,
        correlationWeight, curriculum, momentWeight, staticNoise);
  }

  public TimelineGanSettings withCriticSteps(int value) {
    return new TimelineGanSettings(epochs, batchSize, latentDim, lstmHidden, mlpHidden, criticHidden, value,
        generatorLearningRate, criticLearningRate, beta1, beta2, penaltyWeight, finiteDifferenceStep,
        correlationWeight, curriculum, momentWeight, staticNoise);
  }

  /** Sets both networks' learning rates. */
  public TimelineGanSettings withLearningRates(double generator, double critic) {
    return new TimelineGanSettings(epochs, batchSize, latentDim, lstmHidden, mlpHidden, criticHidden, criticSteps,
        generator, critic, beta1, beta2, penaltyWeight, finiteDifferenceStep, correlationWeight, curriculum, momentWeight, staticNoise);
  }

  public TimelineGanSettings withBetas(double first, double second) {
    return new TimelineGanSettings(epochs, batchSize, latentDim, lstmHidden, mlpHidden, criticHidden, criticSteps,
        generatorLearningRate, criticLearningRate, first, second, penaltyWeight, finiteDifferenceStep,
        correlationWeight, curriculum, momentWeight, staticNoise);
  }

  public TimelineGanSettings withPenaltyWeight(double value) {
    return new TimelineGanSettings(epochs, batchSize, latentDim, lstmHidden, mlpHidden, criticHidden, criticSteps,
        generatorLearningRate, criticLearningRate, beta1, beta2, value, finiteDifferenceStep, correlationWeight,
        curriculum, momentWeight, staticNoise);
  }

  public TimelineGanSettings withFiniteDifferenceStep(double value) {
    return new TimelineGanSettings(epochs, batchSize, latentDim, lstmHidden, mlpHidden, criticHidden, criticSteps,
        generatorLearningRate, criticLearningRate, beta1, beta2, penaltyWeight, value, correlationWeight,
        curriculum, momentWeight, staticNoise);
  }

  public TimelineGanSettings withCorrelationWeight(double value) {
    return new TimelineGanSettings(epochs, batchSize, latentDim, lstmHidden, mlpHidden, criticHidden, criticSteps,
        generatorLearningRate, criticLearningRate, beta1, beta2, penaltyWeight, finiteDifferenceStep, value,
        curriculum, momentWeight, staticNoise);
  }

  public TimelineGanSettings withCurriculum(boolean value) {
    return new TimelineGanSettings(epochs, batchSize, latentDim, lstmHidden, mlpHidden, criticHidden, criticSteps,
        generatorLearningRate, criticLearningRate, beta1, beta2, penaltyWeight, finiteDifferenceStep,
        correlationWeight, value, momentWeight, staticNoise);
  }

  public TimelineGanSettings withMomentWeight(double value) {
    return new TimelineGanSettings(epochs, batchSize, latentDim, lstmHidden, mlpHidden, criticHidden, criticSteps,
        generatorLearningRate, criticLearningRate, beta1, beta2, penaltyWeight, finiteDifferenceStep,
        correlationWeight, curriculum, value, staticNoise);
  }

  public TimelineGanSettings withStaticNoise(double value) {
    return new TimelineGanSettings(epochs, batchSize, latentDim, lstmHidden, mlpHidden, criticHidden, criticSteps,
        generatorLearningRate, criticLearningRate, beta1, beta2, penaltyWeight, finiteDifferenceStep,
        correlationWeight, curriculum, momentWeight, value);
  }

  private static void positive(String parameter, double value) {
    if (!(value > 0)) {
      throw InvalidInputException.inParameter(parameter, parameter + " must be positive, was " + value);
    }
  }
}

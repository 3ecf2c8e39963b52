package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.EngineUnavailableException;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Trains Health Gym's WGAN for patient timelines (Kuo et al., 2022) and exports the generator to
 * plain Java.
 *
 * <ul>
 *   <li><b>Generator</b>: per step {@code [z_t, statics]}; two unidirectional LSTMs, forward and
 *       backward (the backward one on each sequence reversed within its own length); their
 *       concatenated states through an MLP to the encoded step; tanh on SCALAR positions and
 *       softmax on SOFTMAX blocks; steps after the patient's length set to zero. Synthetic
 *       sequences take the lengths and static attributes of the real patients of the batch (the
 *       length distribution is learned elsewhere, with the static attributes).
 *   <li><b>Critic</b>: an LSTM over {@code [x_t, statics]} pooled over the valid steps, then an MLP
 *       to a score.
 *   <li><b>Loss</b>: Wasserstein, {@code criticSteps} critic steps per generator step, and a
 *       gradient penalty {@code λ·mean(((D(x̂ + h·u) − D(x̂ − h·u)) / 2h − 1)²)} on interpolates
 *       {@code x̂} between real and fake sequences, {@code u} being the unit real−fake direction.
 *       The optimal critic's gradient at {@code x̂} is exactly {@code u} (Gulrajani et al., 2017,
 *       Proposition 1), so its directional derivative along {@code u} is +1; this penalises the
 *       central-difference estimate of that derivative, because the exact WGAN-GP penalty needs
 *       double backward, which leaks in DJL (about 4.7 MB a step). The sign matters: with {@code
 *       (|slope| − 1)²} a critic that starts with a negative slope settles there and scores fakes
 *       above reals (seen in testing).
 *   <li><b>Correlation alignment</b>: the generator's loss adds {@code correlationWeight} times the
 *       mean absolute difference between the correlation matrices of the real and the synthetic
 *       step features, each taken over the valid steps of the batch.
 *   <li><b>Curriculum over sequence length</b> (when {@code settings.curriculum()}): the first
 *       quarter of the epochs trains on each sequence's first {@code ⌈maxSteps/4⌉} steps, the
 *       second quarter on the first {@code ⌈maxSteps/2⌉}, the rest on whole sequences; short
 *       dependencies are learned first, and the early epochs are cheaper.
 * </ul>
 *
 * Trainings in one JVM run one at a time, sharing {@link GanTrainer}'s lock (DJL allows one
 * gradient collector per process). The same data, layout, settings and seed give bit-identical
 * weights and losses.
 */
public final class TimelineGanTrainer {
  private TimelineGanTrainer() {}

  /**
   * Trains a timeline generator.
   *
   * @param data the encoded timelines and static attributes
   * @param stepLayout what each position of an encoded step is; its width is {@code
   *     data.stepWidth()}
   * @param settings the hyper-parameters
   * @param seed seeds torch (weights, noise) and the batch sampler
   * @param listener receives per-epoch progress (may be null)
   * @return the generator after the last epoch
   * @throws InvalidInputException if the layout does not match the data
   * @throws EngineUnavailableException if DJL PyTorch is not on the classpath or fails to start
   */
  public static TrainedTimelineGenerator train(
      TimelineTrainingData data,
      EncodedLayout stepLayout,
      TimelineGanSettings settings,
      long seed,
      TrainingListener listener) {
    return train(data, stepLayout, settings, seed, listener, 0, null);
  }

  /**
   * Trains a timeline generator and hands {@code snapshots} the generator after every {@code
   * snapshotEvery}-th epoch before the last, so that a caller can keep the best one (GANs wander;
   * the last epoch is often not the best). Snapshots change nothing in the training: with or
   * without them the weights are bit-identical.
   *
   * @param snapshotEvery epochs between snapshots; 0 takes none
   * @param snapshots receives each snapshot on the training thread (may be null when {@code
   *     snapshotEvery} is 0)
   * @see #train(TimelineTrainingData, EncodedLayout, TimelineGanSettings, long, TrainingListener)
   */
  public static TrainedTimelineGenerator train(
      TimelineTrainingData data,
      EncodedLayout stepLayout,
      TimelineGanSettings settings,
      long seed,
      TrainingListener listener,
      int snapshotEvery,
      Consumer<TrainedTimelineGenerator> snapshots) {
    if (snapshotEvery < 0) {
      throw InvalidInputException.inParameter(
          "snapshotEvery",
          "snapshotEvery must be 0 (no snapshots) or" + " positive, was " + snapshotEvery);
    }
    if (snapshotEvery > 0) {
      Objects.requireNonNull(snapshots, "snapshots");
    }
    Consumer<TrainedTimelineGenerator> sink = snapshots == null ? snapshot -> {} : snapshots;
    Objects.requireNonNull(data, "data");
    Objects.requireNonNull(stepLayout, "stepLayout");
    Objects.requireNonNull(settings, "settings");
    if (stepLayout.width() != data.stepWidth()) {
      throw InvalidInputException.inParameter(
          "stepLayout",
          "the step layout is "
              + stepLayout.width()
              + " wide but the encoded steps are "
              + data.stepWidth()
              + " wide; encode the steps with this layout");
    }
    TrainingListener progress = Objects.requireNonNullElse(listener, TrainingListener.NONE);
    synchronized (GanTrainer.LOCK) {
      progress.onMessage(
          "Training the timeline GAN on "
              + data.patients()
              + " patients x up to "
              + data.maxSteps()
              + " steps x "
              + data.stepWidth()
              + " encoded values ("
              + data.staticWidth()
              + " static): "
              + settings.epochs()
              + " epochs, batch "
              + Math.min(settings.batchSize(), data.patients()));
      try (TimelineTraining training = TimelineTraining.open(data, stepLayout, settings, seed)) {
        return training.run(progress, GanTraining.EpochProbe.NONE, snapshotEvery, sink);
      } catch (NoClassDefFoundError e) {
        throw EngineUnavailableException.djlMissing(e);
      }
    }
  }
}

package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.TrainingListener;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.IntConsumer;

/**
 * The epoch loop both GANs share: each epoch runs one pass of steps over the data, each step {@code
 * criticSteps} critic steps then one generator step; it records the mean losses, reports progress
 * and hands out a snapshot every {@code snapshotEvery}-th epoch before the last. The model's steps
 * come from {@link Steps}, so the order of operations (and of random draws) is the loop's alone.
 *
 * @param epochs epochs to run
 * @param stepsPerEpoch generator steps per epoch, at least 1
 * @param criticSteps critic steps before each generator step
 * @param snapshotEvery epochs between snapshots; 0 takes none
 */
record EpochLoop(int epochs, int stepsPerEpoch, int criticSteps, int snapshotEvery) {

  /** What one model does in the loop. */
  interface Steps<T> {
    /** One critic (discriminator) step in epoch {@code epoch} (from 0); returns its loss. */
    double criticStep(int epoch);

    /** One generator step in epoch {@code epoch} (from 0); returns its loss. */
    double generatorStep(int epoch);

    /** The generator as it is now, with the mean losses of each epoch run so far. */
    T export(double[] generatorLosses, double[] criticLosses);
  }

  /** One pass over {@code examples} in batches of {@code batchSize}: at least one step. */
  static int stepsPerEpoch(int examples, int batchSize) {
    return Math.max(examples / batchSize, 1);
  }

  /**
   * Runs all epochs and returns the final export. After each epoch it reports progress to {@code
   * listener}, then calls {@code afterEpoch} with the epochs done, then takes the snapshot if one
   * is due.
   */
  <T> T run(
      Steps<T> steps, TrainingListener listener, IntConsumer afterEpoch, Consumer<T> snapshots) {
    double[] generatorLosses = new double[epochs];
    double[] criticLosses = new double[epochs];
    long start = System.nanoTime();
    for (int epoch = 0; epoch < epochs; epoch++) {
      double generatorSum = 0;
      double criticSum = 0;
      for (int step = 0; step < stepsPerEpoch; step++) {
        for (int c = 0; c < criticSteps; c++) {
          criticSum += steps.criticStep(epoch);
        }
        generatorSum += steps.generatorStep(epoch);
      }
      generatorLosses[epoch] = generatorSum / stepsPerEpoch;
      criticLosses[epoch] = criticSum / (stepsPerEpoch * criticSteps);
      int done = epoch + 1;
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      Duration remaining = elapsed.multipliedBy(epochs - done).dividedBy(done);
      listener.onEpoch(
          new TrainingListener.EpochProgress(
              done, epochs, generatorLosses[epoch], criticLosses[epoch], elapsed, remaining));
      afterEpoch.accept(done);
      if (snapshotEvery > 0 && done % snapshotEvery == 0 && done < epochs) {
        snapshots.accept(
            steps.export(Arrays.copyOf(generatorLosses, done), Arrays.copyOf(criticLosses, done)));
      }
    }
    return steps.export(generatorLosses, criticLosses);
  }
}

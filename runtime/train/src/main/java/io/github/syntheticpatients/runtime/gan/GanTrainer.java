package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.EngineUnavailableException;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Trains a GAN on an encoded matrix and exports its generator to plain Java. Trainings in one JVM
 * run one at a time (DJL allows a single gradient collector per process); the same data, layout,
 * settings and seed give bit-identical weights and losses.
 */
public final class GanTrainer {
  /**
   * Held by every training in this JVM: DJL allows one gradient collector per process (djl.md,
   * pitfall 5).
   */
  public static final Object LOCK = new Object();

  private GanTrainer() {}

  /**
   * Trains a generator.
   *
   * @param data the encoded rows, {@code rows × layout.width()} row-major
   * @param rows number of rows
   * @param layout what each encoded position is
   * @param settings the GAN and its hyper-parameters
   * @param seed seeds torch (weights, noise, dropout) and the row sampler
   * @param listener receives per-epoch progress
   * @param snapshots receives an exported generator every {@code settings.snapshotEvery()} epochs
   *     (the final one included when the epochs are a multiple of it)
   * @return the generator after the last epoch
   * @throws InvalidInputException if the data does not match the layout or holds non-finite values
   * @throws EngineUnavailableException if DJL PyTorch is not on the classpath or fails to start
   */
  public static TrainedGenerator train(
      float[] data,
      int rows,
      EncodedLayout layout,
      GanSettings settings,
      long seed,
      TrainingListener listener,
      Consumer<TrainedGenerator> snapshots) {
    validate(data, rows, layout);
    Objects.requireNonNull(settings, "settings");
    TrainingListener progress = Objects.requireNonNullElse(listener, TrainingListener.NONE);
    Consumer<TrainedGenerator> sink = Objects.requireNonNullElse(snapshots, generator -> {});
    synchronized (LOCK) {
      progress.onMessage(
          "Training "
              + settings.kind()
              + " on "
              + rows
              + " rows x "
              + layout.width()
              + " encoded columns: "
              + settings.epochs()
              + " epochs, batch "
              + settings.batchSize()
              + " ("
              + (long) settings.epochs() * EpochLoop.stepsPerEpoch(rows, settings.batchSize())
              + " generator steps; the time left follows after the first epochs)");
      try (GanTraining training = DjlEngine.open(data, rows, layout, settings, seed)) {
        return training.run(progress, sink, GanTraining.EpochProbe.NONE);
      } catch (NoClassDefFoundError e) {
        throw EngineUnavailableException.djlMissing(e);
      }
    }
  }

  static void validate(float[] data, int rows, EncodedLayout layout) {
    Objects.requireNonNull(layout, "layout");
    if (rows < 1) {
      throw InvalidInputException.inParameter(
          "rows", "training needs at least one row, got " + rows);
    }
    if (data == null || (long) rows * layout.width() != data.length) {
      throw InvalidInputException.inParameter(
          "data",
          "expected "
              + rows
              + " x "
              + layout.width()
              + " encoded values, got "
              + (data == null ? "none" : data.length)
              + "; encode the table with its layout");
    }
    for (int i = 0; i < data.length; i++) {
      if (!Float.isFinite(data[i])) {
        throw InvalidInputException.inParameter(
            "data",
            "encoded value at row "
                + (i / layout.width() + 1)
                + ", position "
                + (i % layout.width())
                + " is "
                + data[i]
                + "; the encoder must map missing values");
      }
    }
  }
}

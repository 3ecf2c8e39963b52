package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.model.TimelineGenerator;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Times timeline-GAN epochs with {@link TimelineGanSettings#forData} on random data the size of
 * pbcseq: 190 patients, up to 16 steps (lengths 1–16) of 30 encoded values (three 5-way SOFTMAX
 * blocks and 15 SCALAR values), 8 static values; then plain-Java sampling speed. Not a test: run it
 * with {@code java -cp <test classpath> io.github.syntheticpatients.runtime.gan.TimelineBenchmark
 * [epochs]} (add {@code -Dai.djl.pytorch.num_threads=1} to match the tests). Prints wall time per
 * epoch by curriculum stage.
 */
public final class TimelineBenchmark {
  private TimelineBenchmark() {}

  public static void main(String[] args) {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    int patients = 190;
    int maxSteps = 16;
    int staticWidth = 8;
    EncodedLayout layout = TinyTable.randomLayout(30, 3, 5);
    Random random = new Random(1);
    int[] lengths = new int[patients];
    float[] steps = new float[patients * maxSteps * layout.width()];
    float[] statics = new float[patients * staticWidth];
    float[] rows = TinyTable.randomData(layout, patients * maxSteps, 2);
    for (int p = 0; p < patients; p++) {
      lengths[p] = 1 + random.nextInt(maxSteps);
      System.arraycopy(
          rows,
          p * maxSteps * layout.width(),
          steps,
          p * maxSteps * layout.width(),
          lengths[p] * layout.width());
      statics[p * staticWidth + random.nextInt(staticWidth)] = 1;
    }
    TimelineTrainingData data =
        new TimelineTrainingData(steps, lengths, statics, maxSteps, layout.width(), staticWidth);
    TimelineGanSettings settings =
        TimelineGanSettings.forData(patients, maxSteps).toBuilder().optEpochs(epochs).build();
    List<Double> seconds = new ArrayList<>();
    long[] previous = {0};
    TrainedTimelineGenerator trained =
        TimelineGanTrainer.train(
            data,
            layout,
            settings,
            1,
            new TrainingListener() {
              @Override
              public void onEpoch(EpochProgress progress) {
                long now = progress.elapsed().toNanos();
                seconds.add((now - previous[0]) / 1e9);
                previous[0] = now;
              }
            });
    System.out.printf("settings %s%n", settings);
    System.out.printf(
        "epochs 1-%d (quarter length): %.3f s/epoch%n", epochs / 4, mean(seconds, 0, epochs / 4));
    System.out.printf(
        "epochs %d-%d (half length): %.3f s/epoch%n",
        epochs / 4 + 1, epochs / 2, mean(seconds, epochs / 4, epochs / 2));
    System.out.printf(
        "epochs %d-%d (full length): %.3f s/epoch%n",
        epochs / 2 + 1, epochs, mean(seconds, epochs / 2, epochs));
    TimelineGenerator generator = trained.generator();
    float[] noise = new float[maxSteps * generator.latentDim()];
    float[] patientStatics = new float[staticWidth];
    int samples = 20_000;
    double checksum = 0;
    for (int round = 0; round < 2; round++) {
      long start = System.nanoTime();
      for (int i = 0; i < samples; i++) {
        noise[i % noise.length] = (float) random.nextGaussian();
        checksum += generator.forwardRaw(noise, patientStatics, maxSteps)[0];
      }
      System.out.printf(
          "plain-Java sampling (round %d): %.0f patients x %d steps per second (checksum %.3f)%n",
          round + 1, samples / ((System.nanoTime() - start) / 1e9), maxSteps, checksum);
    }
  }

  private static double mean(List<Double> values, int from, int to) {
    return values.subList(from, to).stream()
        .mapToDouble(Double::doubleValue)
        .average()
        .orElse(Double.NaN);
  }
}

package io.github.syntheticpatients.runtime.argn;

import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * What argn's calibration of its marginals ({@link MarginalCalibration}, default 4 rounds) adds to
 * training on a wide table (not run by the tests): a network of the default shape for 30 numeric
 * columns (60 heads, 24 bins and a missing symbol, 12 shares, 16 hidden units, 8 embedding dims)
 * with random weights, 6,400 training rows and 1,600 validation rows of random symbols. Times one
 * round and the default four, three times each, on the calling thread.
 *
 * <p>Run: {@code mvn -B -pl runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.argn.CalibrationBenchmark}
 */
public final class CalibrationBenchmark {
  private CalibrationBenchmark() {}

  public static void main(String[] args) {
    int columns = 30;
    int heads = 2 * columns;
    int hidden = 16;
    int dims = 8;
    int[] vocabulary = new int[heads];
    int[] width = new int[heads];
    boolean[] valueHeads = new boolean[heads];
    for (int j = 0; j < heads; j++) {
      vocabulary[j] = j % 2 == 0 ? 25 : 12;
      width[j] = dims;
      valueHeads[j] = j % 2 == 0;
    }
    SplittableRandom random = new SplittableRandom(1);
    float[][] embedding = new float[heads][];
    float[][] hiddenWeight = new float[heads][];
    float[][] hiddenBias = new float[heads][];
    float[][] outWeight = new float[heads][];
    float[][] outBias = new float[heads][];
    for (int j = 0; j < heads; j++) {
      embedding[j] = weights(random, vocabulary[j] * dims);
      hiddenWeight[j] = weights(random, heads * dims * hidden);
      hiddenBias[j] = weights(random, hidden);
      outWeight[j] = weights(random, hidden * vocabulary[j]);
      outBias[j] = weights(random, vocabulary[j]);
    }
    ArgnNetwork network =
        new ArgnNetwork(
            vocabulary,
            width,
            hidden,
            embedding,
            hiddenWeight,
            hiddenBias,
            outWeight,
            outBias,
            true);
    int[] train = symbols(random, 6_400, vocabulary);
    int[] validation = symbols(random, 1_600, vocabulary);
    for (int repeat = 0; repeat < 3; repeat++) {
      for (int rounds : new int[] {1, 4}) {
        long start = System.nanoTime();
        MarginalCalibration.Calibrated calibrated =
            MarginalCalibration.calibrate(network, train, validation, valueHeads, rounds, 7);
        System.out.printf(
            Locale.ROOT,
            "%d columns, %d round(s): %.2f s (kept round %d)%n",
            columns,
            rounds,
            (System.nanoTime() - start) / 1e9,
            calibrated.round());
      }
    }
  }

  private static float[] weights(SplittableRandom random, int n) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = (float) (random.nextGaussian() * 0.3);
    }
    return values;
  }

  private static int[] symbols(SplittableRandom random, int rows, int[] vocabulary) {
    int[] codes = new int[rows * vocabulary.length];
    for (int i = 0; i < codes.length; i++) {
      codes[i] = random.nextInt(vocabulary[i % vocabulary.length]);
    }
    return codes;
  }
}

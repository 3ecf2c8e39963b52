package io.github.syntheticpatients.runtime.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.List;
import java.util.Locale;

/**
 * The cost of the DP critic's per-record clipping (not run by the tests): one backward pass with
 * probes ({@link PerRecordClipping}) against microbatches of one row, on a critic of the DP CTGAN's
 * size (40 encoded columns, hidden 128 × 128). Prints milliseconds per clipped batch.
 *
 * <p>Run: {@code OMP_NUM_THREADS=1 mvn -B -q -o -pl runtime/train -am -Pbenchmark test-compile
 * exec:exec -Dai.djl.pytorch.num_threads=1
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.gan.PerRecordClippingBenchmark}.
 */
public final class PerRecordClippingBenchmark {
  private static final int WIDTH = 40;
  private static final int REPEATS = 20;

  private PerRecordClippingBenchmark() {}

  public static void main(String[] args) {
    Engine engine = DjlEngine.engine();
    engine.setRandomSeed(1);
    JniUtils.setGradMode(false);
    try (NDManager manager = engine.newBaseManager()) {
      CriticNetwork critic = new CriticNetwork(manager, WIDTH, List.of(128, 128), 0);
      System.out.println("| batch | one backward pass (ms) | microbatches of one (ms) |");
      System.out.println("|---|---|---|");
      for (int batch : new int[] {64, 256}) {
        NDArray x = manager.randomNormal(0f, 1f, new Shape(batch, WIDTH), DataType.FLOAT32);
        float[] rows = x.toFloatArray();
        for (int warm = 0; warm < 3; warm++) {
          probes(engine, critic, manager, rows, batch);
          microbatches(engine, critic, manager, rows, batch);
        }
        long start = System.nanoTime();
        for (int r = 0; r < REPEATS; r++) {
          probes(engine, critic, manager, rows, batch);
        }
        double probeMs = (System.nanoTime() - start) / 1e6 / REPEATS;
        start = System.nanoTime();
        for (int r = 0; r < REPEATS; r++) {
          microbatches(engine, critic, manager, rows, batch);
        }
        double microMs = (System.nanoTime() - start) / 1e6 / REPEATS;
        System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f |%n", batch, probeMs, microMs);
      }
    }
  }

  private static void probes(
      Engine engine, CriticNetwork critic, NDManager manager, float[] rows, int batch) {
    try (NDManager scope = manager.newSubManager()) {
      PerRecordClipping.criticRealTerm(
          engine, critic, scope.create(rows, new Shape(batch, WIDTH)), 1.0);
    }
  }

  private static void microbatches(
      Engine engine, CriticNetwork critic, NDManager manager, float[] rows, int batch) {
    List<NDArray> parameters = critic.parameters();
    double[][] sum = new double[parameters.size()][];
    for (int i = 0; i < batch; i++) {
      try (NDManager scope = manager.newSubManager()) {
        NDArray one =
            scope.create(
                java.util.Arrays.copyOfRange(rows, i * WIDTH, (i + 1) * WIDTH),
                new Shape(1, WIDTH));
        try (GradientCollector collector = engine.newGradientCollector()) {
          for (NDArray p : parameters) {
            JniUtils.zeroGrad((PtNDArray) p);
          }
          collector.backward(critic.forward(one, false).score().sum().neg());
        }
        float[][] g = new float[parameters.size()][];
        double squares = 0;
        for (int p = 0; p < g.length; p++) {
          PtNDArray gradient = JniUtils.getGradient((PtNDArray) parameters.get(p));
          try (gradient) {
            g[p] = gradient.toFloatArray();
          }
          for (float v : g[p]) {
            squares += (double) v * v;
          }
        }
        double scale = Math.min(1, 1.0 / (Math.sqrt(squares) + 1e-6));
        for (int p = 0; p < g.length; p++) {
          if (sum[p] == null) {
            sum[p] = new double[g[p].length];
          }
          for (int k = 0; k < g[p].length; k++) {
            sum[p][k] += scale * g[p][k];
          }
        }
      }
    }
  }
}

package io.github.syntheticpatients.runtime.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Locale;

/**
 * What libtorch's fused {@code lstm} op computes next to the composed step of {@link LstmParams}
 * (not run by the tests; docs/numerics.md). Per step it prints the largest difference of each from
 * a float64 LSTM evaluated in Java on the same float32 weights and inputs, for the gate order and
 * bias handling PyTorch documents and for variants of them, once with grad mode off (inference, as
 * an export test runs it) and once inside a GradientCollector (as training runs it). With {@code
 * --backward} it also runs both through a GradientCollector, so that {@code ONEDNN_VERBOSE=1} shows
 * which primitives training's forward and backward pass use. With {@code --time N} it prints the
 * thread CPU time of one forward and backward pass of each, averaged over N passes (1 torch thread:
 * torch computes on the calling thread).
 *
 * <p>Run: {@code ONEDNN_MAX_CPU_ISA=AVX2 mvn -B -pl runtime/train -am -Pbenchmark test-compile
 * exec:exec -Dbenchmark.class=io.github.syntheticpatients.runtime.gan.LstmNumericsProbe
 * "-Dbenchmark.args=--hidden 64"}.
 */
public final class LstmNumericsProbe {
  private LstmNumericsProbe() {}

  public static void main(String[] arguments) {
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    int in = 41;
    int hidden = 64;
    int batchSize = 32;
    int steps = 16;
    boolean backward = false;
    int timed = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--in" -> in = Integer.parseInt(args[++i]);
        case "--hidden" -> hidden = Integer.parseInt(args[++i]);
        case "--batch" -> batchSize = Integer.parseInt(args[++i]);
        case "--steps" -> steps = Integer.parseInt(args[++i]);
        case "--backward" -> backward = true;
        case "--time" -> timed = Integer.parseInt(args[++i]);
        default -> {}
      }
    }
    System.out.printf(
        Locale.ROOT,
        "ONEDNN_MAX_CPU_ISA=%s, in %d, hidden %d, batch %d, steps %d%n",
        System.getenv("ONEDNN_MAX_CPU_ISA"),
        in,
        hidden,
        batchSize,
        steps);
    Engine engine = DjlEngine.engine();
    engine.setRandomSeed(11);
    try (NDManager manager = engine.newBaseManager()) {
      LstmParams lstm = new LstmParams(manager, in, hidden);
      List<NDArray> p = lstm.parameters();
      NDArray x = manager.randomNormal(0f, 1f, new Shape(batchSize, steps, in), DataType.FLOAT32);
      if (backward) {
        runBackward(lstm, x);
      }
      if (timed > 0) {
        for (int round = 0; round < 3; round++) {
          for (String variant : List.of("fused", "composed")) {
            System.out.printf(
                Locale.ROOT,
                "%-8s forward + backward: %.3f ms CPU per pass (round %d)%n",
                variant,
                cpuMillisPerPass(lstm, x, variant.equals("fused"), timed),
                round + 1);
          }
        }
      }
      float[] trainingFused;
      // In grad mode, as training runs it (no backward pass here).
      JniUtils.setGradMode(true);
      trainingFused = fused(x, p, hidden).toFloatArray();
      JniUtils.setGradMode(false);
      float[] fused = fused(x, p, hidden).toFloatArray();
      float[] composed = lstm.forward(x).toFloatArray();
      float[] xs = x.toFloatArray();
      float[] wih = p.get(0).toFloatArray();
      float[] whh = p.get(1).toFloatArray();
      float[] bih = p.get(2).toFloatArray();
      float[] bhh = p.get(3).toFloatArray();
      double[] reference =
          reference(xs, wih, whh, bih, bhh, batchSize, steps, in, hidden, new int[] {0, 1, 2, 3});
      report(
          "fused    vs float64 (i,f,g,o; b_ih + b_hh)", fused, reference, batchSize, steps, hidden);
      report("fused, grad mode on vs float64", trainingFused, reference, batchSize, steps, hidden);
      report(
          "composed vs float64 (i,f,g,o; b_ih + b_hh)",
          composed,
          reference,
          batchSize,
          steps,
          hidden);
      double[] ifog =
          reference(xs, wih, whh, bih, bhh, batchSize, steps, in, hidden, new int[] {0, 1, 3, 2});
      report("fused    vs float64 (i,f,o,g order)", fused, ifog, batchSize, steps, hidden);
      double[] noRecurrentBias =
          reference(
              xs,
              wih,
              whh,
              bih,
              new float[bhh.length],
              batchSize,
              steps,
              in,
              hidden,
              new int[] {0, 1, 2, 3});
      report("fused    vs float64 (b_ih only)", fused, noRecurrentBias, batchSize, steps, hidden);
    }
  }

  private static NDArray fused(NDArray x, List<NDArray> p, int hidden) {
    NDManager m = x.getManager();
    Shape state = new Shape(1, x.getShape().get(0), hidden);
    NDList initial = new NDList(m.zeros(state, DataType.FLOAT32), m.zeros(state, DataType.FLOAT32));
    return x.getNDArrayInternal()
        .lstm(x, initial, new NDList(p), true, 1, 0, false, false, true)
        .get(0);
  }

  private static void runBackward(LstmParams lstm, NDArray x) {
    List<NDArray> p = lstm.parameters();
    for (String variant : List.of("fused", "composed")) {
      System.out.println("--- " + variant + " forward + backward (training)");
      try (NDManager batch = x.getManager().newSubManager();
          GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray input = x.duplicate();
        input.attach(batch);
        NDArray out = variant.equals("fused") ? fused(input, p, lstm.hidden) : lstm.forward(input);
        collector.backward(out.sum());
      }
      System.out.printf(
          Locale.ROOT,
          "--- %s done, |grad W_ih| = %.6g%n",
          variant,
          p.get(0).getGradient().abs().sum().getFloat());
    }
  }

  /**
   * Thread CPU time (not wall time: the machine is shared) of one forward and backward pass, over
   * {@code n}.
   */
  private static double cpuMillisPerPass(LstmParams lstm, NDArray x, boolean fused, int n) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = 0;
    for (int i = -n / 5; i < n; i++) {
      if (i == 0) {
        start = threads.getCurrentThreadCpuTime();
      }
      try (NDManager batch = x.getManager().newSubManager();
          GradientCollector collector = Engine.getInstance().newGradientCollector()) {
        NDArray input = x.duplicate();
        input.attach(batch);
        NDArray out = fused ? fused(input, lstm.parameters(), lstm.hidden) : lstm.forward(input);
        collector.backward(out.sum());
      }
      for (NDArray p : lstm.parameters()) {
        p.getGradient().close();
      }
    }
    return (threads.getCurrentThreadCpuTime() - start) / 1e6 / n;
  }

  /**
   * A float64 LSTM on the float32 values; {@code order} gives the block of i, f, g, o within the 4H
   * gates.
   */
  private static double[] reference(
      float[] x,
      float[] wih,
      float[] whh,
      float[] bih,
      float[] bhh,
      int batchSize,
      int steps,
      int in,
      int hidden,
      int[] order) {
    double[] out = new double[batchSize * steps * hidden];
    int gates = 4 * hidden;
    for (int b = 0; b < batchSize; b++) {
      double[] h = new double[hidden];
      double[] c = new double[hidden];
      for (int t = 0; t < steps; t++) {
        double[] a = new double[gates];
        for (int g = 0; g < gates; g++) {
          double sum = (double) bih[g] + bhh[g];
          for (int i = 0; i < in; i++) {
            sum += (double) wih[g * in + i] * x[(b * steps + t) * in + i];
          }
          for (int k = 0; k < hidden; k++) {
            sum += (double) whh[g * hidden + k] * h[k];
          }
          a[g] = sum;
        }
        double[] next = new double[hidden];
        for (int j = 0; j < hidden; j++) {
          double ig = sigmoid(a[order[0] * hidden + j]);
          double fg = sigmoid(a[order[1] * hidden + j]);
          double gg = StrictMath.tanh(a[order[2] * hidden + j]);
          double og = sigmoid(a[order[3] * hidden + j]);
          c[j] = fg * c[j] + ig * gg;
          next[j] = og * StrictMath.tanh(c[j]);
          out[(b * steps + t) * hidden + j] = next[j];
        }
        h = next;
      }
    }
    return out;
  }

  private static double sigmoid(double v) {
    return 1 / (1 + StrictMath.exp(-v));
  }

  private static void report(
      String label, float[] actual, double[] reference, int batchSize, int steps, int hidden) {
    StringBuilder line =
        new StringBuilder(String.format(Locale.ROOT, "%-44s max |diff| by step:", label));
    for (int t = 0; t < steps; t++) {
      double max = 0;
      for (int b = 0; b < batchSize; b++) {
        for (int j = 0; j < hidden; j++) {
          int i = (b * steps + t) * hidden + j;
          max = Math.max(max, Math.abs(actual[i] - reference[i]));
        }
      }
      line.append(String.format(Locale.ROOT, " %.1e", max));
    }
    System.out.println(line);
  }
}

package io.github.syntheticpatients.runtime.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The single-thread matrix-product rate of DJL's PyTorch engine on this machine (not a test), for
 * the compute floor of a CTGAN epoch (docs/benchmarks/gan-speed.md): for each shape {@code M×K ·
 * K×N} it runs the product repeatedly and prints the best thread CPU time per product over five
 * rounds and the rate in multiply-adds per second (M·K·N per product). The shapes are those of a
 * CTGAN step at batch 500, pac 10, (256, 256) networks, and a 1024³ product for the machine's peak.
 *
 * <p>Run with one torch thread: {@code OMP_NUM_THREADS=1 java -Dai.djl.pytorch.num_threads=1
 * -Dai.djl.pytorch.num_interop_threads=1 -cp CP
 * io.github.syntheticpatients.runtime.gan.GemmRateProbe [M K N]...} (no arguments: the default
 * shapes).
 */
public final class GemmRateProbe {
  private static final int[][] DEFAULT_SHAPES = {
    {500, 168, 256}, // generator layer 1: latent 128 + a 40-wide condition → 256
    {500, 424, 256}, // generator layer 2 (residual: 256 + 168 inputs)
    {500, 680, 91}, // generator output layer: 91 encoded values (half of flchain)
    {50, 1310, 256}, // critic layer 1: 50 pac groups of 10 × (91 + 40)
    {50, 256, 256}, // critic layer 2
    {424, 500, 256}, // a weight gradient of generator layer 2: inputᵀ · output gradient
    {1024, 1024, 1024}, // the peak
  };

  private GemmRateProbe() {}

  public static void main(String[] args) {
    int[][] shapes = DEFAULT_SHAPES;
    if (args.length > 0) {
      if (args.length % 3 != 0) {
        throw new IllegalArgumentException("shapes come as M K N triples, got " + args.length);
      }
      shapes = new int[args.length / 3][];
      for (int s = 0; s < shapes.length; s++) {
        shapes[s] =
            new int[] {
              Integer.parseInt(args[3 * s]),
              Integer.parseInt(args[3 * s + 1]),
              Integer.parseInt(args[3 * s + 2])
            };
      }
    }
    Engine engine = DjlEngine.engine();
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    try (NDManager manager = engine.newBaseManager()) {
      for (int[] shape : shapes) {
        int m = shape[0];
        int k = shape[1];
        int n = shape[2];
        NDArray a = manager.randomNormal(new Shape(m, k));
        NDArray b = manager.randomNormal(new Shape(k, n));
        double macs = (double) m * k * n;
        int reps = (int) Math.max(20, Math.min(20_000, 2e9 / macs));
        double best = Double.POSITIVE_INFINITY;
        for (int round = 0; round < 6; round++) {
          long start = threads.getCurrentThreadCpuTime();
          for (int r = 0; r < reps; r++) {
            try (NDArray c = a.matMul(b)) {
              if (c.getShape().get(0) != m) {
                throw new IllegalStateException("wrong product shape " + c.getShape());
              }
            }
          }
          double perProduct = (threads.getCurrentThreadCpuTime() - start) / 1e9 / reps;
          if (round > 0) {
            best = Math.min(best, perProduct);
          }
        }
        System.out.printf(
            Locale.ROOT,
            "%d×%d · %d×%d: %.1f µs per product (best of 5 rounds of %d), %.1f GMAC/s; load %.1f%n",
            m,
            k,
            k,
            n,
            best * 1e6,
            reps,
            macs / best / 1e9,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        a.close();
        b.close();
      }
    }
  }
}

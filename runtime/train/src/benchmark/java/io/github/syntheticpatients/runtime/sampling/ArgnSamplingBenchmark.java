package io.github.syntheticpatients.runtime.sampling;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Plain-Java sampling speed of saved models on one thread: {@code MODEL…} each sampled to 100,000
 * rows (a {@code Table}, no output file) three times to warm up, then five times; prints the best
 * wall time and the sampling thread's CPU time per row (which depends less than wall time on what
 * else the machine runs) beside the load average. Run with {@code -XX:ActiveProcessorCount=1} so
 * that the common pool has one worker: {@code mvn -B -q -pl runtime/train -am -Pbenchmark
 * test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.sampling.ArgnSamplingBenchmark
 * "-Dbenchmark.args=/tmp/wide.synth"}.
 */
public final class ArgnSamplingBenchmark {
  private static final int ROWS = 100_000;

  private ArgnSamplingBenchmark() {}

  public static void main(String[] args) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (String path : String.join(" ", args).trim().split("\\s+")) {
      SyntheticModel model = ModelLoader.load(path);
      java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
      double bestWall = Double.POSITIVE_INFINITY;
      double bestCpu = Double.POSITIVE_INFINITY;
      try {
        for (int i = 0; i < 8; i++) {
          long seed = i;
          double[] times =
              one.submit(
                      () -> {
                        long cpu = threads.getCurrentThreadCpuTime();
                        long wall = System.nanoTime();
                        model.sample(SampleRequest.of(ROWS, seed));
                        return new double[] {
                          (System.nanoTime() - wall) / 1e9,
                          (threads.getCurrentThreadCpuTime() - cpu) / 1e9
                        };
                      })
                  .get();
          if (i >= 3) {
            bestWall = Math.min(bestWall, times[0]);
            bestCpu = Math.min(bestCpu, times[1]);
          }
        }
      } finally {
        one.shutdown();
      }
      System.out.printf(
          Locale.ROOT,
          "%s: 100,000 rows on one thread, best of 5: %.3f s wall (%,.0f rows/s), %.2f µs CPU a"
              + " row (%,.0f rows/s of CPU); load average %.1f%n",
          path,
          bestWall,
          ROWS / bestWall,
          bestCpu * 1e6 / ROWS,
          ROWS / bestCpu,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    }
  }
}

package io.github.syntheticpatients.runtime.sampling;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.TableView;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Plain-Java sampling speed of saved models on one thread: {@code MODEL…} each sampled to 100,000
 * rows (a {@code Table}, no output file) three times to warm up, then five times; prints the best
 * wall time and the sampling thread's CPU time per row (which depends less than wall time on what
 * else the machine runs) beside the load average, and a SHA-256 of the values sampled at seed 0
 * (the same on every machine and thread count: a speed change that keeps it kept the output). Run
 * with {@code -XX:ActiveProcessorCount=1} so that the common pool has one worker: {@code mvn -B -q
 * -pl runtime/train -am -Pbenchmark test-compile exec:exec
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
      String digest = digest(model.sample(SampleRequest.of(10_000, 0)));
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
              + " row (%,.0f rows/s of CPU); load average %.1f; 10,000 rows at seed 0: %s%n",
          path,
          bestWall,
          ROWS / bestWall,
          bestCpu * 1e6 / ROWS,
          ROWS / bestCpu,
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
          digest);
    }
  }

  /** The SHA-256 of a sample's values, column after column, as IEEE 754 bits. */
  private static String digest(SampleResult result) throws NoSuchAlgorithmException {
    TableView table = result.table();
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    ByteBuffer bytes = ByteBuffer.allocate(Long.BYTES);
    for (int c = 0; c < table.columnCount(); c++) {
      for (int r = 0; r < table.rowCount(); r++) {
        bytes.clear();
        sha.update(bytes.putLong(Double.doubleToLongBits(table.value(r, c))).array());
      }
    }
    return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
  }
}

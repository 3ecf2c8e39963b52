package io.github.syntheticpatients.runtime.sampling;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.TableView;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;

/**
 * Plain-Java sampling speed of saved longitudinal models: {@code --patients N} patients (10,000 by
 * default) of each {@code MODEL} sampled through {@link SyntheticModel#sample}, twice to warm up,
 * then three times on one thread and three times on the common pool; prints the best wall time and
 * the one thread's CPU time (which depends less than wall time on what else the machine runs)
 * beside the load average, and a SHA-256 of the visits sampled at seed 0 for the first {@code
 * --patients} patients (the same on every machine and thread count: a speed change that keeps it
 * kept the output). Run with {@code -XX:ActiveProcessorCount=1} to time one core. {@code mvn -B -q
 * -pl runtime/core,runtime/eval,runtime/train -Pbenchmark test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.sampling.TimelineSamplingBenchmark
 * "-Dbenchmark.args=/tmp/pbcseq.synth --patients 10000"}.
 */
public final class TimelineSamplingBenchmark {
  private TimelineSamplingBenchmark() {}

  public static void main(String[] args) throws Exception {
    String[] words = String.join(" ", args).trim().split("\\s+");
    int patients = 10_000;
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    ForkJoinPool one = new ForkJoinPool(1);
    try {
      for (int i = 0; i < words.length; i++) {
        if (words[i].equals("--patients")) {
          patients = Integer.parseInt(words[++i]);
          continue;
        }
        SyntheticModel model = ModelLoader.load(words[i]);
        int n = patients;
        String digest = digest(model.sample(SampleRequest.of(n, 0)).table());
        double bestOne = Double.POSITIVE_INFINITY;
        double bestCpu = Double.POSITIVE_INFINITY;
        long visits = 0;
        for (int run = 0; run < 5; run++) {
          long seed = run;
          double[] times =
              one.submit(
                      () -> {
                        long cpu = threads.getCurrentThreadCpuTime();
                        long wall = System.nanoTime();
                        int rows = model.sample(SampleRequest.of(n, seed)).table().rowCount();
                        return new double[] {
                          (System.nanoTime() - wall) / 1e9,
                          (threads.getCurrentThreadCpuTime() - cpu) / 1e9,
                          rows
                        };
                      })
                  .get();
          if (run >= 2) {
            bestOne = Math.min(bestOne, times[0]);
            bestCpu = Math.min(bestCpu, times[1]);
            visits = (long) times[2];
          }
        }
        double bestAll = Double.POSITIVE_INFINITY;
        for (int run = 0; run < 3; run++) {
          long wall = System.nanoTime();
          model.sample(SampleRequest.of(n, 10 + run)).table().rowCount();
          bestAll = Math.min(bestAll, (System.nanoTime() - wall) / 1e9);
        }
        System.out.printf(
            Locale.ROOT,
            "%s: %,d patients (%,d visits), best of 3: one thread %.3f s wall (%,.0f patients/s),"
                + " %,.0f patients/s of CPU; all %d threads %.3f s (%,.0f patients/s); load"
                + " average %.1f; visits at seed 0: %s%n",
            words[i],
            n,
            visits,
            bestOne,
            n / bestOne,
            n / bestCpu,
            Runtime.getRuntime().availableProcessors(),
            bestAll,
            n / bestAll,
            ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
            digest);
      }
    } finally {
      one.shutdown();
    }
  }

  /** The SHA-256 of a sample's values, column after column, as IEEE 754 bits. */
  private static String digest(TableView table) throws NoSuchAlgorithmException {
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

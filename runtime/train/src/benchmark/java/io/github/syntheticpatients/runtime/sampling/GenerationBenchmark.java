package io.github.syntheticpatients.runtime.sampling;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.github.syntheticpatients.runtime.GenerateRequest;
import io.github.syntheticpatients.runtime.GenerateResult;
import io.github.syntheticpatients.runtime.OutputFormat;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Streamed generation through {@link Generation#generate}, the path {@code synthetic:generate}
 * takes. Modes:
 *
 * <ul>
 *   <li>{@code rate MODEL ROWS THREADS…}: a warm-up round of a fifth of ROWS on each thread count,
 *       then ROWS records to a CSV file on each; prints wall time, records/s and the process's CPU
 *       time per record (which depends less than wall time on what else the machine runs);
 *   <li>{@code heap MODEL ROWS THREADS [FORMAT]}: runs {@code heap-run} in a fresh JVM with {@code
 *       -Xmx256m}, which writes ROWS records and prints the most heap in use after any garbage
 *       collection during the run (what the run keeps alive), the number of collections, and the
 *       peak of each heap pool (garbage included: G1 grows its young generation into whatever the
 *       limit allows, so these say how much room it took, not how much the run needed).
 * </ul>
 *
 * MODEL is a zoo id or a model file. Run: {@code mvn -B -q -pl runtime/train -am -Pbenchmark
 * test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.sampling.GenerationBenchmark
 * "-Dbenchmark.args=rate model-zoo/src/main/resources/io/github/syntheticpatients/zoo/default.synth
 * 1000000 1 2"} (paths from the repository root: exec runs in runtime/train, so prefix {@code
 * ../../}).
 */
public final class GenerationBenchmark {
  private GenerationBenchmark() {}

  public static void main(String[] arguments) throws IOException, InterruptedException {
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    String model = args[1];
    int rows = Integer.parseInt(args[2]);
    switch (args[0]) {
      case "rate" -> {
        // Warm up on every thread count first, so that no count gets a colder JIT than another.
        for (int round = 0; round < 2; round++) {
          for (int i = 3; i < args.length; i++) {
            rate(model, round == 0 ? Math.max(1, rows / 5) : rows, Integer.parseInt(args[i]));
          }
        }
      }
      case "heap" -> fork(model, rows, args[3], args.length > 4 ? args[4] : "csv");
      case "heap-run" ->
          heapRun(model, rows, Integer.parseInt(args[3]), OutputFormat.parse(args[4]));
      default -> throw new IllegalArgumentException("mode is rate or heap");
    }
  }

  private static void rate(String model, int rows, int threads) throws IOException {
    Path output = Files.createTempFile("generation-benchmark", ".csv");
    try {
      long cpu = processCpuNanos();
      long start = System.nanoTime();
      GenerateResult result = generate(model, rows, threads, output, OutputFormat.CSV);
      double seconds = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "%s, %,d %s (%,d lines, %,d bytes) on %d thread(s): %.1f s wall, %,.0f %s/s;"
              + " process CPU %.1f s, %.2f µs per %s; load average %.1f%n",
          result.modelId(),
          rows,
          result.longitudinal() ? "patients" : "records",
          result.rows(),
          Files.size(output),
          threads,
          seconds,
          rows / seconds,
          result.longitudinal() ? "patients" : "records",
          cpuSeconds,
          cpuSeconds * 1e6 / rows,
          result.longitudinal() ? "patient" : "record",
          ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    } finally {
      Files.deleteIfExists(output);
      Files.deleteIfExists(output.resolveSibling(output.getFileName() + ".provenance.json"));
    }
  }

  private static void fork(String model, int rows, String threads, String format)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Xmx256m",
                "-cp",
                System.getProperty("java.class.path"),
                GenerationBenchmark.class.getName(),
                "heap-run",
                model,
                Integer.toString(rows),
                threads,
                format)
            .inheritIO()
            .start();
    System.out.println("exit " + process.waitFor());
  }

  private static void heapRun(String model, int rows, int threads, OutputFormat format)
      throws IOException {
    Path output = Files.createTempFile("generation-benchmark", "." + format.extension());
    AfterGc afterGc = new AfterGc();
    try {
      long start = System.nanoTime();
      GenerateResult result = generate(model, rows, threads, output, format);
      double seconds = (System.nanoTime() - start) / 1e9;
      StringBuilder pools = new StringBuilder();
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          long peak = pool.getPeakUsage().getUsed();
          pools.append(String.format(Locale.ROOT, " %s %.1f MB;", pool.getName(), peak / 1e6));
        }
      }
      System.out.printf(
          Locale.ROOT,
          "%s, %,d records (%,d lines, %,d bytes) to %s on %d thread(s) in %.1f s with -Xmx%d MB:"
              + " most heap in use after a collection %.1f MB (%d collections); peak of each heap"
              + " pool%s%n",
          result.modelId(),
          rows,
          result.rows(),
          Files.size(output),
          format.extension(),
          threads,
          seconds,
          Runtime.getRuntime().maxMemory() / (1 << 20),
          afterGc.peak() / 1e6,
          afterGc.collections(),
          pools);
    } finally {
      Files.deleteIfExists(output);
      Files.deleteIfExists(output.resolveSibling(output.getFileName() + ".provenance.json"));
    }
  }

  /** The most heap in use just after any garbage collection, from the JVM's GC notifications. */
  private static final class AfterGc implements NotificationListener {
    private final AtomicLong peak = new AtomicLong();
    private final AtomicLong collections = new AtomicLong();

    AfterGc() {
      for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
        ((NotificationEmitter) collector).addNotificationListener(this, null, null);
      }
    }

    @Override
    public void handleNotification(Notification notification, Object handback) {
      if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(
          notification.getType())) {
        return;
      }
      GarbageCollectionNotificationInfo info =
          GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
      long used = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        MemoryUsage usage = info.getGcInfo().getMemoryUsageAfterGc().get(pool.getName());
        if (pool.getType() == MemoryType.HEAP && usage != null) {
          used += usage.getUsed();
        }
      }
      peak.accumulateAndGet(used, Math::max);
      collections.incrementAndGet();
    }

    long peak() {
      return peak.get();
    }

    long collections() {
      return collections.get();
    }
  }

  private static GenerateResult generate(
      String model, int rows, int threads, Path output, OutputFormat format) {
    return Generation.generate(
        new GenerateRequest(model, rows, 42, "benchmark", output, format, List.of(), threads),
        System.out::println);
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}

package io.github.syntheticpatients.spark;

import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.sampling.Blocks;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Rows per second of the data source on {@code local[2]} ({@code count()} and a Parquet write)
 * against the single-JVM sampler on one thread, same model, same machine, one run (docs/spark.md,
 * docs/benchmarks/spark.md). Arguments: {@code [rows] [model]}, default {@code 2000000 default}.
 *
 * <p>Each figure is the best of {@value #RUNS} runs after a warm-up run of the same size, so the
 * JIT has compiled what the run needs and Spark has generated its code.
 *
 * <p>Wall-clock rates go with the machine's load; the CPU seconds (the whole process's: sampling,
 * garbage collection, the JIT and, for Spark, its scheduler) say what the work costs whoever else
 * runs.
 */
public final class SparkBenchmark {
  private static final int CORES = 2;
  private static final int RUNS = 3;

  private SparkBenchmark() {}

  public static void main(String[] args) throws IOException {
    long rows = args.length > 0 && !args[0].isBlank() ? Long.parseLong(args[0]) : 2_000_000L;
    String modelId = args.length > 1 ? args[1] : "default";
    SyntheticModel model = ModelLoader.load(modelId);
    System.out.printf(
        Locale.ROOT,
        "model %s, %,d rows, load average %.1f%n",
        modelId,
        rows,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    singleJvm(model, rows, false); // warm-up
    Measured single = best(() -> singleJvm(model, rows, false));
    report("single JVM, 1 thread, records built", rows, single, 1);
    report(
        "single JVM, 1 thread, as Spark rows", rows, best(() -> singleJvm(model, rows, true)), 1);

    SparkSession spark =
        SparkSession.builder()
            .master("local[" + CORES + "]")
            .appName("SparkBenchmark")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "localhost")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    Path out = Files.createTempDirectory("spark-benchmark-");
    try {
      count(spark, modelId, rows); // warm-up
      Measured count = best(() -> measureProcess(() -> count(spark, modelId, rows)));
      report("Spark local[" + CORES + "], count()", rows, count, CORES);
      Measured parquet =
          measureProcess(
              () -> read(spark, modelId, rows).write().parquet(out.resolve("p").toString()));
      report("Spark local[" + CORES + "], write().parquet", rows, parquet, CORES);
      System.out.printf(
          Locale.ROOT,
          "count() per core / single JVM: %.2f (wall), %.2f (CPU); goal >= 0.8%n",
          single.wallSeconds() / (count.wallSeconds() * CORES),
          single.cpuSeconds() / count.cpuSeconds());
    } finally {
      spark.stop();
      try (Stream<Path> files = Files.walk(out)) {
        files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
  }

  private static void count(SparkSession spark, String model, long rows) {
    long counted = read(spark, model, rows).count();
    if (counted != rows) {
      throw new IllegalStateException("count() gave " + counted + ", not " + rows);
    }
  }

  private static Dataset<Row> read(SparkSession spark, String model, long rows) {
    return spark
        .read()
        .format("synthetic-patients")
        .option("model", model)
        .option("rows", rows)
        .option("seed", 42)
        .option("partitions", CORES)
        .load();
  }

  /**
   * The single-JVM sampler on this thread: every block, every record built; with {@code asRows},
   * also turned into Spark's internal rows as the data source's readers do.
   */
  private static Measured singleJvm(SyntheticModel model, long rows, boolean asRows) {
    RowShape shape = RowShape.of(model.schema(), Layout.VISITS);
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    int blockSize = Blocks.size(model);
    long cells = 0;
    for (long first = 0; first < rows; first += blockSize) {
      int count = (int) Math.min(blockSize, rows - first);
      for (PatientRecord record :
          Blocks.sample(model, SampleRequest.of(count, 42), first).records()) {
        cells += asRows ? shape.row(record).numFields() : record.asMap().size();
      }
    }
    if (cells == 0) {
      throw new IllegalStateException("no records");
    }
    return new Measured((System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9);
  }

  private static Measured measureProcess(Runnable job) {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu = os.getProcessCpuTime();
    long start = System.nanoTime();
    job.run();
    return new Measured((System.nanoTime() - start) / 1e9, (os.getProcessCpuTime() - cpu) / 1e9);
  }

  private static void report(String what, long rows, Measured measured, int cores) {
    System.out.printf(
        Locale.ROOT,
        "%-40s %7.2f s wall  %,12.0f rows/s  %,12.0f rows/s per core  %7.2f CPU s  %,12.0f rows"
            + " per CPU s%n",
        what,
        measured.wallSeconds(),
        rows / measured.wallSeconds(),
        rows / measured.wallSeconds() / cores,
        measured.cpuSeconds(),
        rows / measured.cpuSeconds());
  }

  /** The best wall time and the least CPU time of {@value #RUNS} runs, after a warm-up run. */
  private static Measured best(Supplier<Measured> run) {
    double wall = Double.MAX_VALUE;
    double cpu = Double.MAX_VALUE;
    for (int i = 0; i < RUNS; i++) {
      Measured measured = run.get();
      wall = Math.min(wall, measured.wallSeconds());
      cpu = Math.min(cpu, measured.cpuSeconds());
    }
    return new Measured(wall, cpu);
  }

  private record Measured(double wallSeconds, double cpuSeconds) {}
}

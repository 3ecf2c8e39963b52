package io.github.syntheticpatients.runtime.io.csv;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.inference.SchemaInference;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Time and heap of inferring and reading {@link CsvStreamingTest}'s million-row CSV (not a test:
 * heap after {@code System.gc()} and wall time depend on the JVM and the machine). Target: the
 * table retains less than 120 MB of heap (five stored columns of a million doubles are 40 MB). Run:
 * {@code mvn -B -pl runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.io.csv.CsvReadBenchmark}.
 */
public final class CsvReadBenchmark {
  private CsvReadBenchmark() {}

  public static void main(String[] args) throws IOException {
    Path file = CsvStreamingTest.writeMillionRows(Files.createTempFile("csv-benchmark", ".csv"));
    try {
      long inferStart = System.nanoTime();
      TableSchema schema = SchemaInference.infer(file, CsvOptions.defaults());
      long inferMillis = (System.nanoTime() - inferStart) / 1_000_000;

      MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
      System.gc();
      long heapBefore = memory.getHeapMemoryUsage().getUsed();
      long readStart = System.nanoTime();
      Table table = CsvTableReader.read(file, schema, CsvOptions.defaults());
      long readMillis = (System.nanoTime() - readStart) / 1_000_000;
      System.gc();
      long retained = memory.getHeapMemoryUsage().getUsed() - heapBefore;
      System.out.printf(
          Locale.ROOT,
          "%d rows, %.1f MB CSV: infer %d ms, read %d ms, table retains %.1f MB of heap (target < 120 MB: %s;"
              + " max heap %.0f MB)%n",
          table.rowCount(),
          Files.size(file) / 1e6,
          inferMillis,
          readMillis,
          retained / 1e6,
          retained < 120L << 20 ? "met" : "NOT met",
          Runtime.getRuntime().maxMemory() / 1e6);
    } finally {
      Files.delete(file);
    }
  }
}

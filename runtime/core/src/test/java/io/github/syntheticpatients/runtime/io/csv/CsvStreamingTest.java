package io.github.syntheticpatients.runtime.io.csv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.inference.SchemaInference;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A million-row CSV is inferred and read into primitive arrays, and reading streams: a file nearly
 * three times larger than the heap reads in a JVM whose heap cannot hold its text. Timings and heap
 * figures are in {@code CsvReadBenchmark} (docs/benchmarks/README.md), not asserted here.
 */
class CsvStreamingTest {
  private static final int ROWS = 1_000_000;

  /** Heap of the forked reader, in MB. */
  private static final int HEAP_MB = 32;

  @TempDir Path dir;

  @Test
  void readsAMillionRows() throws IOException {
    Path file = writeMillionRows(dir.resolve("big.csv"));

    TableSchema schema = SchemaInference.infer(file, CsvOptions.defaults());
    assertThat(schema.columns())
        .extracting(ColumnSchema::kind)
        .containsExactly(
            ColumnKind.IDENTIFIER,
            ColumnKind.INTEGER,
            ColumnKind.NUMERIC,
            ColumnKind.CATEGORICAL,
            ColumnKind.BINARY,
            ColumnKind.DATE);
    assertThat(schema.column("bili").orElseThrow().missingRate()).isCloseTo(1.0 / 97, offset(1e-5));

    Table table = CsvTableReader.read(file, schema, CsvOptions.defaults());
    assertThat(table.rowCount()).isEqualTo(ROWS);
    assertThat(table.column("patient_id")).containsOnly(Double.NaN);
    assertThat(table.column("stage")).containsOnly(0, 1, 2, 3);
    assertThat(table.value(0, schema.indexOf("bili"))).isNaN();
    assertThat(table.value(1, schema.indexOf("bili"))).isBetween(0.01, 19.99);
  }

  @Test
  void readsAFileManyTimesLargerThanItsHeap() throws Exception {
    // 300,000 rows with 300-character identifiers: about 90 MB of text, of which the table keeps
    // one double a row
    // (identifiers are read past, not stored).
    Path file = dir.resolve("long-ids.csv");
    int rows = 300_000;
    long ageSum = 0;
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("id,age\n");
      String padding = "x".repeat(290);
      for (int i = 0; i < rows; i++) {
        int age = 18 + i % 80;
        ageSum += age;
        out.write(String.format("%010d", i));
        out.write(padding);
        out.write(',');
        out.write(Integer.toString(age));
        out.write('\n');
      }
    }
    assertThat(Files.size(file)).isGreaterThan(2L * HEAP_MB << 20);

    String streamed = runWithSmallHeap("table", file);
    assertThat(streamed).contains("exit=0", "rows=" + rows + " ageSum=" + ageSum);
    // The control: the same file held as lines of text does not fit that heap, so the check above
    // can fail.
    String held = runWithSmallHeap("lines", file);
    assertThat(held).contains("OutOfMemoryError").doesNotContain("exit=0");
  }

  /**
   * Runs {@link SmallHeapRead} in a fresh JVM; its output, then {@code exit=} and the exit code.
   */
  private String runWithSmallHeap(String mode, Path file) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = dir.resolve(mode + ".log");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-Xmx" + HEAP_MB + "m",
                "-cp",
                System.getProperty("java.class.path"),
                SmallHeapRead.class.getName(),
                mode,
                file.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    // A guard against a hung child, not a timing assertion.
    if (!process.waitFor(10, TimeUnit.MINUTES)) {
      process.destroyForcibly();
      throw new AssertionError("the forked reader did not finish: " + Files.readString(log));
    }
    return Files.readString(log) + "exit=" + process.exitValue();
  }

  /** Writes the million-row file that {@code CsvReadBenchmark} reads too. */
  static Path writeMillionRows(Path file) throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    LocalDate start = LocalDate.of(2000, 1, 1);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("patient_id,age,bili,stage,sex,visit\n");
      for (int i = 0; i < ROWS; i++) {
        out.write(Integer.toString(i + 1));
        out.write(',');
        out.write(Integer.toString(18 + random.nextInt(80)));
        out.write(',');
        out.write(i % 97 == 0 ? "" : Double.toString(random.nextInt(1, 2000) / 100.0));
        out.write(',');
        out.write(Integer.toString(1 + random.nextInt(4)));
        out.write(',');
        out.write(random.nextBoolean() ? "f" : "m");
        out.write(',');
        out.write(start.plusDays(random.nextInt(7000)).toString());
        out.write('\n');
      }
    }
    return file;
  }
}

package io.github.syntheticpatients.runtime.io.csv;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.schema.ColumnKind;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.SchemaInference;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A million-row CSV streams into primitive arrays: inferred, then read, in seconds and bounded memory. */
class CsvStreamingTest {
  private static final int ROWS = 1_000_000;

  @TempDir Path dir;

  @Test
  void readsAMillionRows() throws IOException {
    Path file = dir.resolve("big.csv");
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
    long bytes = Files.size(file);

    long inferStart = System.nanoTime();
    TableSchema schema = SchemaInference.infer(file, CsvOptions.defaults());
    long inferMillis = (System.nanoTime() - inferStart) / 1_000_000;
    assertThat(schema.columns())
        .extracting(ColumnSchema::kind)
        .containsExactly(
            ColumnKind.IDENTIFIER,
            ColumnKind.INTEGER,
            ColumnKind.NUMERIC,
            ColumnKind.CATEGORICAL,
            ColumnKind.BINARY,
            ColumnKind.DATE);
    assertThat(schema.column("bili").orElseThrow().missingRate()).isCloseTo(1.0 / 97, org.assertj.core.data.Offset.offset(1e-5));

    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();
    long readStart = System.nanoTime();
    Table table = CsvTableReader.read(file, schema, CsvOptions.defaults());
    long readMillis = (System.nanoTime() - readStart) / 1_000_000;
    System.gc();
    long retained = memory.getHeapMemoryUsage().getUsed() - heapBefore;

    assertThat(table.rowCount()).isEqualTo(ROWS);
    assertThat(table.column("patient_id")).containsOnly(Double.NaN);
    assertThat(table.column("stage")).containsOnly(0, 1, 2, 3);
    assertThat(table.value(0, schema.indexOf("bili"))).isNaN();
    // Five stored columns of a million doubles are 40 MB; the NaN identifier column shares one more array.
    assertThat(retained).isLessThan(120L << 20);
    System.out.printf(
        "CsvStreamingTest: %d rows, %.1f MB CSV; infer %d ms, read %d ms, table retains %.1f MB of heap"
            + " (max heap %.0f MB)%n",
        ROWS, bytes / 1e6, inferMillis, readMillis, retained / 1e6, Runtime.getRuntime().maxMemory() / 1e6);
    assertThat(table).isNotNull(); // keep the table reachable until after the measurement
  }
}

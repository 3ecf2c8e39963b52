package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.encode.EncoderSettings;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.fit.encode.TableEncoderFitter;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.inference.SchemaInference;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Times CTGAN epochs with the default settings (batch 500, pac 10, (256, 256) networks) on 10,000
 * random rows × 30 encoded columns (three 5-way SOFTMAX blocks and 15 SCALAR values), or on {@code
 * rows} rows with the settings training picks for that many ({@link GanSettings#forData}, e.g. 150
 * rows: batch 40, (128, 128) networks), or on a CSV file ({@code rows} ending in {@code .csv}: its
 * inferred schema, the default encoder, CTGAN's published defaults with no snapshots, as upstream
 * CTGAN trains it; {@code runtime/train/src/benchmark/python/upstream_ctgan_epochs.py} runs this
 * beside upstream). Not a test: run it with {@code java -cp <test classpath>
 * io.github.syntheticpatients.runtime.gan.GanEpochBenchmark [epochs] [kind] [rows | file.csv]},
 * e.g. with {@code -Dai.djl.pytorch.num_threads=1} to compare thread counts. Prints wall and
 * process-CPU time per epoch.
 */
public final class GanEpochBenchmark {
  private GanEpochBenchmark() {}

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  public static void main(String[] args) {
    int epochs = args.length > 0 ? Integer.parseInt(args[0]) : 12;
    GanSettings.Kind kind =
        args.length > 1 ? GanSettings.Kind.valueOf(args[1]) : GanSettings.Kind.CTGAN;
    boolean csv = args.length > 2 && args[2].endsWith(".csv");
    int rows;
    EncodedLayout layout;
    float[] data;
    if (csv) {
      Path file = Path.of(args[2]);
      TableSchema schema = SchemaInference.infer(file, CsvOptions.defaults());
      Table table = CsvTableReader.read(file, schema, CsvOptions.defaults());
      TableEncoder encoder = TableEncoderFitter.fit(table, EncoderSettings.defaults(), 1);
      rows = table.rowCount();
      layout = encoder.layout();
      data = encoder.encode(table, 1);
      System.out.printf("%s: %d rows, %d encoded values%n", file, rows, layout.width());
    } else {
      rows = args.length > 2 ? Integer.parseInt(args[2]) : 10_000;
      layout = TinyTable.randomLayout(30, 3, 5);
      data = TinyTable.randomData(layout, rows, 1);
    }
    List<Double> seconds = new ArrayList<>();
    List<Double> cpuSeconds = new ArrayList<>();
    long[] previous = {0, processCpuNanos()};
    TrainingListener listener =
        new TrainingListener() {
          @Override
          public void onEpoch(EpochProgress progress) {
            long now = progress.elapsed().toNanos();
            seconds.add((now - previous[0]) / 1e9);
            previous[0] = now;
            long cpu = processCpuNanos();
            cpuSeconds.add((cpu - previous[1]) / 1e9);
            previous[1] = cpu;
          }
        };
    GanSettings settings =
        csv
            ? GanSettings.defaults(kind).toBuilder().optEpochs(epochs).optSnapshotEvery(0).build()
            : args.length > 2
                ? GanSettings.forData(kind, rows).toBuilder().optEpochs(epochs).build()
                : GanSettings.builder(kind).optEpochs(epochs).optBatchSize(500).build();
    GanTrainer.train(data, rows, layout, settings, 1, listener, null);
    double[] steady = seconds.stream().skip(2).mapToDouble(Double::doubleValue).sorted().toArray();
    System.out.printf(
        "%s epoch times (s): %s%n",
        kind, seconds.stream().map(s -> String.format("%.3f", s)).toList());
    System.out.printf(
        "%s steady state (epochs 3..%d): median %.3f s, min %.3f s, max %.3f s%n",
        kind, epochs, steady[steady.length / 2], steady[0], steady[steady.length - 1]);
    double[] cpu = cpuSeconds.stream().skip(2).mapToDouble(Double::doubleValue).sorted().toArray();
    // CPU time is what an epoch costs when the machine is shared (wall time then depends on other
    // processes).
    System.out.printf(
        "%s process CPU per epoch (epochs 3..%d): median %.3f s, min %.3f s%n",
        kind, epochs, cpu[cpu.length / 2], cpu[0]);
    System.out.println(
        "threads: " + System.getProperty("ai.djl.pytorch.num_threads", "DJL default"));
  }
}

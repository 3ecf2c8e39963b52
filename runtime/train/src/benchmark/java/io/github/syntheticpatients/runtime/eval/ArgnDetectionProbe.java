package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.ValueFormat;
import io.github.syntheticpatients.runtime.eval.fidelity.FidelityMetrics;
import io.github.syntheticpatients.runtime.eval.fidelity.TreeDetection;
import io.github.syntheticpatients.runtime.io.csv.CsvRecordWriter;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which columns the random-forest detector tells a generator's rows apart by (issue 19, colon; not
 * run by the tests). For each seed, {@link TabularBenchmark}'s split, training and sample (the
 * first seed trains with the default seed); each generator's sample is scored against the held-back
 * half with every learned column, then with one column dropped from both sides at a time, and with
 * only the column groups given (a drop that lowers the AUC by much names what gives the rows away).
 * The last part gives each column's shape score against the held-back half. All figures are means
 * over the seeds.
 *
 * <p>Run: {@code mvn -B -pl runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.eval.ArgnDetectionProbe
 * "-Dbenchmark.args=colon status 3 copula,argn time:status:etype nodes:node4"} (dataset, target,
 * seeds, generators, then any column groups to score alone, columns joined by colons).
 */
public final class ArgnDetectionProbe {
  private static final long FIRST_SEED = 20251123L;

  private ArgnDetectionProbe() {}

  public static void main(String[] arguments) throws IOException, URISyntaxException {
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    String dataset = args[0];
    String target = args[1];
    int seeds = Integer.parseInt(args[2]);
    List<String> generators = List.of(args[3].split(","));
    List<Set<String>> groups = new ArrayList<>();
    for (int i = 4; i < args.length; i++) {
      groups.add(Set.of(args[i].split(":")));
    }
    Path csv = Path.of(ArgnDetectionProbe.class.getResource("/data/" + dataset + ".csv").toURI());
    TableSchema schema = TableSchema.of(Schemas.infer(csv)).withTarget(target);
    Table all = CsvTableReader.read(csv, schema, null);
    List<String> learned = schema.learnedColumns().stream().map(ColumnSchema::name).toList();
    List<String> rows = new ArrayList<>();
    rows.add("all columns");
    for (String column : learned) {
      rows.add("without " + column);
    }
    for (Set<String> group : groups) {
      rows.add("only " + String.join("+", group));
    }
    for (String column : learned) {
      rows.add("shape " + column);
    }
    Map<String, double[]> sums = new LinkedHashMap<>();
    for (String generator : generators) {
      sums.put(generator, new double[rows.size()]);
    }
    Path work = Files.createTempDirectory("argn-detection");
    for (int s = 0; s < seeds; s++) {
      long seed = FIRST_SEED + s;
      EvaluationBenchmark.Split split = EvaluationBenchmark.split(all, seed);
      Table train = split.train();
      Table holdout = split.holdout();
      Path trainCsv = work.resolve("train-" + s + ".csv");
      Path schemaFile = work.resolve("schema.json");
      CsvRecordWriter.write(
          trainCsv,
          schema.outputColumns().stream().map(ColumnSchema::name).toList(),
          ValueFormat.toRecords(train));
      Schemas.write(schema, schemaFile);
      for (String generator : generators) {
        String[] parts = generator.split("\\+");
        TrainSettings settings =
            TrainSettings.defaults().withOption("privacyGate", "warn").withGenerator(parts[0]);
        if (seed != FIRST_SEED) {
          settings = settings.withSeed(seed);
        }
        for (int i = 1; i < parts.length; i++) {
          String[] option = parts[i].split("=", 2);
          settings = settings.withOption(option[0], option[1]);
        }
        Path model = work.resolve(s + "-" + generators.indexOf(generator) + ".synth");
        Training.train(
            new TrainRequest(trainCsv, schemaFile, model, settings, true), TrainingListener.NONE);
        Table synthetic =
            Table.of(
                ModelLoader.load(model.toString())
                    .sample(SampleRequest.of(train.rowCount(), seed + 7))
                    .table());
        double[] sum = sums.get(generator);
        int r = 0;
        double auc = TreeDetection.auc(holdout, synthetic, seed);
        sum[r++] += auc / seeds;
        for (String column : learned) {
          Set<String> rest = new HashSet<>(learned);
          rest.remove(column);
          sum[r++] += TreeDetection.auc(only(holdout, rest), only(synthetic, rest), seed) / seeds;
        }
        for (Set<String> group : groups) {
          sum[r++] += TreeDetection.auc(only(holdout, group), only(synthetic, group), seed) / seeds;
        }
        for (String column : learned) {
          ColumnSchema c = schema.column(column).orElseThrow();
          double[] real = holdout.column(column);
          double[] syn = synthetic.column(column);
          sum[r++] +=
              (c.kind().isContinuous()
                      ? FidelityMetrics.ksComplement(real, syn)
                      : FidelityMetrics.tvComplement(real, syn))
                  / seeds;
        }
        System.out.printf(Locale.ROOT, "seed %d %s: tree AUC %.3f%n", seed, generator, auc);
      }
    }
    StringBuilder header = new StringBuilder("| " + dataset + ", mean of " + seeds + " seeds |");
    for (String generator : generators) {
      header.append(' ').append(generator).append(" |");
    }
    System.out.println(header);
    for (int r = 0; r < rows.size(); r++) {
      StringBuilder line = new StringBuilder("| " + rows.get(r) + " |");
      for (double[] sum : sums.values()) {
        line.append(String.format(Locale.ROOT, " %.3f |", sum[r]));
      }
      System.out.println(line);
    }
  }

  /** {@code table} with only the learned columns named in {@code keep} (and no other). */
  private static Table only(Table table, Set<String> keep) {
    List<ColumnSchema> columns = new ArrayList<>();
    List<double[]> values = new ArrayList<>();
    for (ColumnSchema column : table.schema().columns()) {
      if (keep.contains(column.name())) {
        columns.add(column);
        values.add(table.column(column.name()));
      }
    }
    return new Table(TableSchema.of(columns), values.toArray(new double[0][]));
  }
}

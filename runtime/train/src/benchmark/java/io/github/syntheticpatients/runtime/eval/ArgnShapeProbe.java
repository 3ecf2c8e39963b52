package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.ValueFormat;
import io.github.syntheticpatients.runtime.eval.fidelity.FidelityMetrics;
import io.github.syntheticpatients.runtime.fit.argn.ArgnEncodingFitter;
import io.github.syntheticpatients.runtime.io.csv.CsvRecordWriter;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.random.RandomStream;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where argn's column shapes fall short of the copula's (issue 19), column by column (not run by
 * the tests). The split is {@link TabularBenchmark}'s; each column's shape score (KS or TV
 * complement, missing values dropped) against the held-back half for: the training half itself (the
 * ceiling at this size), the training half encoded and decoded by argn's encoding (what the
 * encoding alone loses), and each generator (trained through {@code Training.train} with {@code
 * SEEDS} seeds, each sampled to ten times the training half so that sampling noise stays small);
 * the last rows give each generator's mean against the training half too (what the generator loses
 * of the data it saw).
 *
 * <p>Run: {@code mvn -B -pl runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.eval.ArgnShapeProbe
 * "-Dbenchmark.args=rotterdam death 3 copula,argn,argn+argnAverage=0"} (dataset, target, seeds,
 * generators).
 */
public final class ArgnShapeProbe {
  private ArgnShapeProbe() {}

  public static void main(String[] arguments) throws IOException, URISyntaxException {
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    String dataset = args[0];
    String target = args[1];
    int seeds = Integer.parseInt(args[2]);
    List<String> generators = List.of(args[3].split(","));
    long seed = 20251123L;
    Path csv = Path.of(ArgnShapeProbe.class.getResource("/data/" + dataset + ".csv").toURI());
    TableSchema schema = TableSchema.of(Schemas.infer(csv)).withTarget(target);
    Table all = CsvTableReader.read(csv, schema, null);
    EvaluationBenchmark.Split split = EvaluationBenchmark.split(all, seed);
    Table train = split.train();
    Table holdout = split.holdout();
    Path work = Files.createTempDirectory("argn-shape");
    Path trainCsv = work.resolve("train.csv");
    Path schemaFile = work.resolve("schema.json");
    CsvRecordWriter.write(
        trainCsv,
        schema.outputColumns().stream().map(ColumnSchema::name).toList(),
        ValueFormat.toRecords(train));
    Schemas.write(schema, schemaFile);

    ArgnEncoding encoding =
        ArgnEncodingFitter.fit(
            train, 5, ArgnEncodingFitter.DEFAULT_BINS, ArgnEncodingFitter.DEFAULT_SUB_BINS);
    Table decoded = encoding.decode(encoding.encode(train), train.rowCount(), RandomStream.of(1));

    Map<String, List<Table>> tables = new LinkedHashMap<>();
    tables.put("train", List.of(train));
    tables.put("decoded", List.of(decoded));
    for (String generator : generators) {
      String[] parts = generator.split("\\+");
      List<Table> samples = new ArrayList<>();
      for (int s = 0; s < seeds; s++) {
        TrainSettings settings =
            TrainSettings.defaults()
                .withOption("privacyGate", "warn")
                .withGenerator(parts[0])
                .withSeed(seed + s);
        for (int i = 1; i < parts.length; i++) {
          String[] option = parts[i].split("=", 2);
          settings = settings.withOption(option[0], option[1]);
        }
        Path model = work.resolve(tables.size() + "-" + s + ".synth");
        Training.train(
            new TrainRequest(trainCsv, schemaFile, model, settings, true), TrainingListener.NONE);
        samples.add(
            Table.of(
                ModelLoader.load(model.toString())
                    .sample(SampleRequest.of(10 * train.rowCount(), seed + 7))
                    .table()));
      }
      tables.put(generator, samples);
    }

    StringBuilder header = new StringBuilder("| column | kind |");
    for (String name : tables.keySet()) {
      header.append(' ').append(name).append(" |");
    }
    System.out.println(header);
    double[] sums = new double[tables.size()];
    double[] ownSums = new double[tables.size()];
    int n = 0;
    for (ColumnSchema column : schema.learnedColumns()) {
      StringBuilder row =
          new StringBuilder("| " + column.name() + " | " + column.kind().name() + " |");
      int t = 0;
      for (List<Table> samples : tables.values()) {
        double score = 0;
        double own = 0;
        for (Table table : samples) {
          score += shape(column, holdout, table) / samples.size();
          own += shape(column, train, table) / samples.size();
        }
        sums[t] += score;
        ownSums[t++] += own;
        row.append(String.format(Locale.ROOT, " %.4f |", score));
      }
      System.out.println(row);
      n++;
    }
    StringBuilder mean = new StringBuilder("| mean vs held-back | |");
    StringBuilder ownMean = new StringBuilder("| mean vs training half | |");
    for (int t = 0; t < sums.length; t++) {
      mean.append(String.format(Locale.ROOT, " %.4f |", sums[t] / n));
      ownMean.append(String.format(Locale.ROOT, " %.4f |", ownSums[t] / n));
    }
    System.out.println(mean);
    System.out.println(ownMean);
  }

  private static double shape(ColumnSchema column, Table real, Table synthetic) {
    double[] r = real.column(column.name());
    double[] s = synthetic.column(column.name());
    return column.kind().isContinuous()
        ? FidelityMetrics.ksComplement(r, s)
        : FidelityMetrics.tvComplement(r, s);
  }
}

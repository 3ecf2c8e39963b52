package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.CodedEncounters;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.argn.ArgnSettings;
import io.github.syntheticpatients.runtime.argn.ArgnTrainer;
import io.github.syntheticpatients.runtime.argn.TrainedArgn;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.fidelity.CodeCooccurrence;
import io.github.syntheticpatients.runtime.eval.fidelity.QualityReport;
import io.github.syntheticpatients.runtime.eval.fidelity.TreeDetection;
import io.github.syntheticpatients.runtime.fit.argn.ArgnEncodingFitter;
import io.github.syntheticpatients.runtime.fit.copula.GaussianCopulaFitter;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.model.ModelContents;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.model.argn.ArgnModel;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import io.github.syntheticpatients.runtime.schema.inference.SchemaInference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 17's figures on the {@link CodedEncounters} table (not run by the tests): the Gaussian
 * copula (or, with the argument {@code argn}, the autoregressive generator) with defaults trained
 * on 5,600 encounters (seed 17), against a fresh real sample of 2,400 (seed 18) as the reference.
 * Prints quality, tree detection and code co-occurrence R² with and without the code columns, and
 * how many emitted codes are held by fewer than k training records.
 *
 * <p>Run (after {@code mvn -B -o -pl runtime/core,runtime/eval test-compile}): {@code java -cp CP
 * io.github.syntheticpatients.runtime.eval.CodedEncountersBenchmark [copula|argn]}, or through the
 * {@code benchmark} profile, CP being core's and eval's classes and test classes and their
 * dependency jars; figures in docs/benchmarks/codes.md. About 5 minutes on 2 shared cores.
 */
public final class CodedEncountersBenchmark {
  private static final List<String> CODES = List.of("diag_1", "diag_2", "diag_3");

  private CodedEncountersBenchmark() {}

  public static void main(String[] arguments) throws IOException {
    String[] args = String.join(" ", arguments).trim().split("\\s+");
    String generator = args.length > 0 && !args[0].isEmpty() ? args[0] : "copula";
    Path dir = Files.createTempDirectory("coded-encounters");
    Path trainCsv =
        CodedEncounters.write(
            CodedEncounters.Settings.defaults(5600, 17), dir.resolve("train.csv"));
    Path freshCsv =
        CodedEncounters.write(
            CodedEncounters.Settings.defaults(2400, 18), dir.resolve("fresh.csv"));
    TableSchema schema = SchemaInference.infer(trainCsv);
    Table train = CsvTableReader.read(trainCsv, schema);
    Table fresh = CsvTableReader.read(freshCsv, schema);
    SyntheticModel model = fit(generator, train);
    Table synthetic = Table.of(model.sample(SampleRequest.of(train.rowCount(), 1)).table());
    model.sample(SampleRequest.of(100_000, 3)); // warm-up
    long start = System.nanoTime();
    model.sample(SampleRequest.of(100_000, 2));
    double seconds = (System.nanoTime() - start) / 1e9;

    System.out.println(
        "| table | columns | quality | pair trends | tree detection AUC | co-occurrence R² |");
    System.out.println("|---|---|---|---|---|---|");
    row(generator, "all", train, synthetic);
    row("fresh real", "all", train, fresh);
    List<String> plain = List.of("age", "sex", "admission_type", "length_of_stay");
    Table plainTrain = project(train, plain);
    Table plainSynthetic =
        project(
            Table.of(
                fit(generator, plainTrain).sample(SampleRequest.of(train.rowCount(), 1)).table()),
            plain);
    row(generator, "without codes", plainTrain, plainSynthetic);
    row("fresh real", "without codes", plainTrain, project(fresh, plain));
    System.out.printf(
        Locale.ROOT,
        "%nsampling 100,000 rows with %s categories: %.2f s%n",
        categoryCounts(schema),
        seconds);
    System.out.printf(
        Locale.ROOT,
        "emitted codes whose category fewer than k=%d training records are read as: %d%n",
        ValueProtection.DEFAULT_K,
        belowK(train, synthetic));
  }

  /**
   * The generator fitted on {@code train} and loaded through the model file: {@code copula}, or
   * {@code argn} (its validation part the last tenth of the rows, which are independent draws).
   */
  private static SyntheticModel fit(String generator, Table train) {
    ModelContents contents =
        switch (generator) {
          case "copula" ->
              new ModelContents(
                  "copula",
                  "benchmark",
                  train.schema(),
                  null,
                  null,
                  GaussianCopulaFitter.fit(train).state(),
                  Map.of(),
                  Map.of(),
                  Map.of(),
                  Map.of());
          case "argn" -> {
            int cut = train.rowCount() * 9 / 10;
            Table fitPart = train.selectRows(java.util.stream.IntStream.range(0, cut).toArray());
            Table validation =
                train.selectRows(java.util.stream.IntStream.range(cut, train.rowCount()).toArray());
            ArgnEncoding encoding =
                ArgnEncodingFitter.fit(
                    fitPart,
                    ValueProtection.DEFAULT_K,
                    ArgnEncodingFitter.DEFAULT_BINS,
                    ArgnEncodingFitter.DEFAULT_SUB_BINS);
            long begin = System.nanoTime();
            TrainedArgn trained =
                ArgnTrainer.train(
                    encoding.encode(fitPart),
                    encoding.encode(validation),
                    encoding.vocabulary(),
                    encoding.owners(),
                    ArgnSettings.forData(fitPart.rowCount()),
                    17,
                    null);
            System.out.printf(
                Locale.ROOT,
                "argn: %d sub-columns, kept epoch %d of %d, trained in %.1f s%n",
                encoding.width(),
                trained.bestEpoch(),
                trained.epochsRun(),
                (System.nanoTime() - begin) / 1e9);
            yield new ModelContents(
                "argn",
                "benchmark",
                train.schema(),
                null,
                null,
                null,
                Map.of(),
                Map.of(),
                Map.of(),
                Map.of(),
                new ArgnModel(encoding, trained.network()));
          }
          default -> throw new IllegalArgumentException("generator is copula or argn");
        };
    return ModelFile.load(ModelFile.toBytes(contents), "benchmark", "benchmark");
  }

  private static void row(String name, String columns, Table real, Table other) {
    QualityReport quality = QualityReport.compute(real, other);
    System.out.printf(
        Locale.ROOT,
        "| %s | %s | %.3f | %.3f | %.3f | %.3f |%n",
        name,
        columns,
        quality.overall(),
        quality.columnPairTrends(),
        TreeDetection.auc(real, other, 7),
        CodeCooccurrence.r2(real, other));
  }

  private static String categoryCounts(TableSchema schema) {
    List<Integer> counts = new ArrayList<>();
    for (String name : CODES) {
      counts.add(schema.column(name).orElseThrow().categories().size());
    }
    return counts.toString();
  }

  /**
   * Synthetic code values whose category is held by fewer than k training records, counted over all
   * diagnosis slots: they share one vocabulary, and that count is what value protection uses.
   */
  private static long belowK(Table train, Table synthetic) {
    Map<Integer, Integer> held = new HashMap<>();
    for (int row = 0; row < train.rowCount(); row++) {
      java.util.Set<Integer> codes = new java.util.HashSet<>(); // a record holds a code once
      for (String name : CODES) {
        double v = train.column(name)[row];
        if (!Double.isNaN(v)) {
          codes.add((int) v);
        }
      }
      codes.forEach(code -> held.merge(code, 1, Integer::sum));
    }
    long below = 0;
    for (String name : CODES) {
      for (double v : synthetic.column(name)) {
        if (!Double.isNaN(v) && held.getOrDefault((int) v, 0) < ValueProtection.DEFAULT_K) {
          below++;
        }
      }
    }
    return below;
  }

  private static Table project(Table table, List<String> names) {
    List<ColumnSchema> columns = new ArrayList<>();
    double[][] values = new double[names.size()][];
    for (int i = 0; i < names.size(); i++) {
      columns.add(table.schema().column(names.get(i)).orElseThrow());
      values[i] = table.column(names.get(i));
    }
    return new Table(TableSchema.of(columns), values);
  }
}

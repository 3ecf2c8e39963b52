package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.CodedEncounters;
import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.fit.copula.GaussianCopulaFitter;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.CodeColumn;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import io.github.syntheticpatients.runtime.schema.inference.SchemaInference;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Issue 17's sampling goal with a large vocabulary (not run by the tests): a {@link
 * CodedEncounters} table of 2,016 ICD-9-shaped codes (8 chapters of 42 categories, each with 5
 * subcodes; Zipf exponent 1.0; more categories a chapter would leave the generator too few unused
 * category numbers for its singletons), enough encounters that at least 2,000 categories survive k
 * = 5 in the slots' shared vocabulary. Times schema inference and the CSV read of the written file,
 * the Gaussian copula's fit, and sampling 100,000 rows in plain Java (5 runs after 2 warm-ups).
 * Also counts the training records holding each category across the slots: none may be held by
 * fewer than k.
 *
 * <p>Run: {@code mvn -B -q -pl runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.eval.CodeVocabularyBenchmark
 * "-Dbenchmark.args=200000"} (the argument: encounters, 200,000 by default); figures in
 * docs/benchmarks/codes.md.
 */
public final class CodeVocabularyBenchmark {
  private static final List<String> SLOTS = List.of("diag_1", "diag_2", "diag_3");
  private static final int SAMPLE_ROWS = 100_000;

  private CodeVocabularyBenchmark() {}

  public static void main(String[] args) throws IOException {
    int rows = args.length > 0 ? Integer.parseInt(args[0].trim()) : 200_000;
    CodedEncounters.Settings settings =
        new CodedEncounters.Settings(rows, 17, false, 42, 5, 1.0, 0.5, 0.05, 130);
    Path dir = Files.createTempDirectory("code-vocabulary");
    Path csv = CodedEncounters.write(settings, dir.resolve("encounters.csv"));
    System.out.printf(
        Locale.ROOT,
        "%,d encounters, %,d bytes of CSV, load average %.1f%n",
        rows,
        Files.size(csv),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

    long start = System.nanoTime();
    TableSchema schema = SchemaInference.infer(csv);
    double inferSeconds = seconds(start);
    start = System.nanoTime();
    Table train = CsvTableReader.read(csv, schema);
    double readSeconds = seconds(start);
    start = System.nanoTime();
    GaussianCopula copula = GaussianCopulaFitter.fit(train);
    double fitSeconds = seconds(start);

    ColumnSchema first = schema.column(SLOTS.get(0)).orElseThrow();
    Set<String> distinct = new HashSet<>();
    for (String[] row : CodedEncounters.rows(settings)) {
      for (int slot = 4; slot < 7; slot++) {
        if (row[slot] != null) {
          distinct.add(row[slot]);
        }
      }
    }
    for (String name : SLOTS) {
      System.out.println(CodeColumn.summary(schema.column(name).orElseThrow()));
    }
    int kept = 0;
    for (String category : first.categories()) {
      kept += distinct.contains(category) ? 1 : 0;
    }
    System.out.printf(
        Locale.ROOT,
        "%,d distinct codes in the table; vocabulary '%s': %,d categories, %,d of them codes kept as"
            + " written; categories held by fewer than k=%d training records: %d%n",
        distinct.size(),
        first.codes().vocabulary(),
        first.categories().size(),
        kept,
        ValueProtection.DEFAULT_K,
        categoriesBelowK(train));
    System.out.printf(
        Locale.ROOT,
        "schema inference %.2f s, CSV read %.2f s, copula fit %.2f s%n",
        inferSeconds,
        readSeconds,
        fitSeconds);

    for (int i = 0; i < 2; i++) {
      copula.sample(SAMPLE_ROWS, RandomStream.of(100 + i));
    }
    double[] runs = new double[5];
    for (int i = 0; i < runs.length; i++) {
      start = System.nanoTime();
      copula.sample(SAMPLE_ROWS, RandomStream.of(i));
      runs[i] = seconds(start);
    }
    double[] sorted = runs.clone();
    Arrays.sort(sorted);
    System.out.printf(
        Locale.ROOT,
        "sampling %,d rows: median %.3f s (min %.3f, max %.3f), load average %.1f%n",
        SAMPLE_ROWS,
        sorted[runs.length / 2],
        sorted[0],
        sorted[runs.length - 1],
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  /** Categories (besides _RARE_) held by fewer than k training records, a record counted once. */
  private static long categoriesBelowK(Table train) {
    List<String> categories = train.schema().column(SLOTS.get(0)).orElseThrow().categories();
    Map<Integer, Integer> held = new HashMap<>();
    for (int r = 0; r < train.rowCount(); r++) {
      Set<Integer> record = new HashSet<>();
      for (String name : SLOTS) {
        double value = train.column(name)[r];
        if (!Double.isNaN(value)) {
          record.add((int) value);
        }
      }
      record.forEach(index -> held.merge(index, 1, Integer::sum));
    }
    long below = 0;
    for (int i = 0; i < categories.size(); i++) {
      if (!categories.get(i).equals(ValueProtection.RARE_CATEGORY)
          && held.getOrDefault(i, 0) < ValueProtection.DEFAULT_K) {
        below++;
      }
    }
    return below;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}

package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.fidelity.IndependentColumns;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.eval.privacy.PrivacyReport;
import io.github.syntheticpatients.runtime.eval.report.EvaluationReport;
import io.github.syntheticpatients.runtime.eval.stats.TableColumns;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Prints the evaluation metrics of baselines on the shared datasets as a markdown table (not run by
 * the tests):
 *
 * <ul>
 *   <li>{@code independent}: each column sampled independently from the training marginals ({@link
 *       IndependentColumns}; keeps every column shape, breaks every relationship);
 *   <li>{@code copy of train}: the training rows themselves (must score high on fidelity and fail
 *       privacy);
 *   <li>{@code fresh real}: real rows the "generator" never saw, the reference a good generator
 *       should match. The holdout half is split again: one quarter of the data plays the synthetic
 *       table, the other quarter the holdout.
 * </ul>
 *
 * <p>Each dataset is split 50/50 (seeded) into train and holdout. To add a generator, call {@link
 * #row(String, String, Table, Table, Table, String, String, long)} with its synthetic table, e.g.
 * from {@link Split#train()} after training on it.
 *
 * <p>Run (after {@code mvn -B -o -pl runtime/train -am test-compile}): {@code mvn -B -q -o -pl
 * runtime org.codehaus.mojo:exec-maven-plugin:3.5.1:java
 * -Dexec.mainClass=io.github.syntheticpatients.runtime.eval.EvaluationBenchmark
 * -Dexec.classpathScope=test}, or from the IDE. About a minute on 2 cores.
 */
public final class EvaluationBenchmark {
  /** Dataset, utility target, sensitive column. */
  static final List<String[]> DATASETS =
      List.of(
          new String[] {"pbc", "status", "stage"},
          new String[] {"flchain", "death", "chapter"},
          new String[] {"nafld1", "status", "male"},
          new String[] {"pima2", "diabetes", "diabetes"});

  private EvaluationBenchmark() {}

  /** A dataset split into training and holdout halves. */
  public record Split(Table train, Table holdout) {}

  /** Reads {@code /data/<name>.csv} from the test resources with an inferred schema. */
  public static Table load(String name) {
    try {
      Path csv = Path.of(EvaluationBenchmark.class.getResource("/data/" + name + ".csv").toURI());
      TableSchema schema = TableSchema.of(Schemas.infer(csv));
      return CsvTableReader.read(csv, schema, null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A seeded 50/50 split. */
  public static Split split(Table table, long seed) {
    int[] order = TableColumns.permutation(table.rowCount(), seed);
    int half = table.rowCount() / 2;
    return new Split(
        table.selectRows(Arrays.copyOfRange(order, 0, half)),
        table.selectRows(Arrays.copyOfRange(order, half, order.length)));
  }

  /** The markdown header matching {@link #row}. */
  public static String header() {
    return "| dataset | synthetic | overall | shapes | pairs | detection AUC | TSTR | TRTR | TSTR ratio | DCR share"
        + " | IMS T/H | copied rows | MIA AUC | TPR@1%FPR | identif. S/H | privacy gate | failed checks | seconds |\n"
        + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|";
  }

  /** Evaluates one synthetic table and formats it as a markdown row. */
  public static String row(
      String dataset,
      String generator,
      Table train,
      Table holdout,
      Table synthetic,
      String target,
      String sensitive,
      long seed) {
    long start = System.nanoTime();
    EvaluationReport r =
        EvaluationReport.compute(
            train, holdout, synthetic, target, sensitive, GateSettings.defaults(), seed);
    double seconds = (System.nanoTime() - start) / 1e9;
    List<GateCheck> failed = r.gate().failures();
    String failures =
        failed.isEmpty()
            ? "–"
            : failed.stream().map(c -> c.id() + " " + c.name()).collect(Collectors.joining(", "));
    PrivacyReport p = r.privacy();
    return String.format(
        Locale.ROOT,
        "| %s | %s | %.3f | %.3f | %.3f | %.3f | %s | %s | %s | %.3f | %.3f/%.3f | %d | %.3f | %.3f | %.3f/%.3f | %s | %s | %.1f |",
        dataset,
        generator,
        r.quality().overall(),
        r.quality().columnShapes(),
        r.quality().columnPairTrends(),
        r.detectionAuc(),
        r.utility() == null ? "–" : String.format(Locale.ROOT, "%.3f", r.utility().tstr()),
        r.utility() == null ? "–" : String.format(Locale.ROOT, "%.3f", r.utility().trtr()),
        r.utility() == null ? "–" : String.format(Locale.ROOT, "%.3f", r.utility().ratio()),
        p.dcrShare(),
        p.imsTrain(),
        p.imsHoldout(),
        p.copiedRows(),
        p.miaAuc(),
        p.miaTprAtLowFpr(),
        p.identifiability(),
        p.identifiabilityHoldout(),
        r.privacyPassed() ? "pass" : "FAIL",
        failures,
        seconds);
  }

  public static void main(String[] args) {
    long seed = 20251123L;
    System.out.println(header());
    for (String[] d : DATASETS) {
      Table all = load(d[0]);
      Split split = split(all, seed);
      Table train = split.train();
      Table holdout = split.holdout();
      String target = d[1];
      String sensitive = d[2];
      System.out.println(
          row(
              d[0],
              "independent",
              train,
              holdout,
              IndependentColumns.sample(train, train.rowCount(), seed + 1),
              target,
              sensitive,
              seed));
      System.out.println(
          row(d[0], "copy of train", train, holdout, train, target, sensitive, seed));
      Split fresh = split(holdout, seed + 2);
      System.out.println(
          row(
              d[0],
              "fresh real (¼ vs ¼)",
              train,
              fresh.holdout(),
              fresh.train(),
              target,
              sensitive,
              seed));
    }
  }
}

package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.EvaluationBenchmark;
import io.github.syntheticpatients.runtime.eval.fidelity.TreeDetection;
import io.github.syntheticpatients.runtime.fit.copula.GaussianCopulaFitter;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the tree detector finds against the CTGAN and the copula, column by column (issue 18): the
 * random-forest detector's AUC on the whole row and on each learned column alone (a column's AUC
 * alone is what its marginal gives away; the whole row's AUC above the columns' is what the joint
 * structure gives away). Both generators learn the same seeded training half (the copula through
 * {@code GaussianCopulaFitter.fit}, the CTGAN as {@link GanEncodingPaired} trains it) and are
 * scored against the held-back half with the same detector seed.
 *
 * <p>Arguments: a table, then {@code key=value}: {@code encoding} (bins), {@code epochs} (the
 * size-chosen default), {@code seed} (20251123: the split's, the training's, as {@code
 * GanLearningCurve}).
 *
 * <p>Run: {@code mvn -B -pl runtime/train -am -Pbenchmark test-compile exec:exec
 * -Dbenchmark.class=io.github.syntheticpatients.runtime.train.GanColumnProbe
 * "-Dbenchmark.args=rotterdam encoding=bins"}
 */
public final class GanColumnProbe {
  private GanColumnProbe() {}

  public static void main(String[] arguments) {
    Map<String, String> options = PairedScoring.options(arguments);
    String dataset = options.get("table");
    long seed = Long.parseLong(options.getOrDefault("seed", "20251123"));
    String encoding = options.getOrDefault("encoding", "bins");
    Path csv;
    try {
      csv = Path.of(GanColumnProbe.class.getResource("/data/" + dataset + ".csv").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    Table all = CsvTableReader.read(csv, TableSchema.of(Schemas.infer(csv)), null);
    EvaluationBenchmark.Split split = EvaluationBenchmark.split(all, seed);
    Table train = split.train();
    Table heldBack = split.holdout();
    Table copula =
        GaussianCopulaFitter.fit(train).sample(train.rowCount(), RandomStream.of(seed + 7));
    long start = System.nanoTime();
    Table gan = GanEncodingPaired.ganSample(train, encoding, options, seed);
    System.out.printf(
        Locale.ROOT,
        "%s, seed %d: ctgan %s trained in %.0f s%n",
        dataset,
        seed,
        encoding,
        (System.nanoTime() - start) / 1e9);
    System.out.println("| columns | copula tree AUC | ctgan " + encoding + " tree AUC |");
    System.out.println("|---|---|---|");
    System.out.printf(
        Locale.ROOT,
        "| all | %.3f | %.3f |%n",
        TreeDetection.auc(heldBack, copula, seed),
        TreeDetection.auc(heldBack, gan, seed));
    for (ColumnSchema column : train.schema().learnedColumns()) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %.3f | %.3f |%n",
          column.name(),
          TreeDetection.auc(only(heldBack, column), only(copula, column), seed),
          TreeDetection.auc(only(heldBack, column), only(gan, column), seed));
    }
  }

  private static Table only(Table table, ColumnSchema column) {
    return new Table(
        TableSchema.of(List.of(column)), new double[][] {table.column(column.name()).clone()});
  }
}

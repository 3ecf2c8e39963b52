package io.github.syntheticpatients.runtime.eval.fidelity;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.stats.TableColumns;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import java.util.ArrayList;
import java.util.List;

/**
 * Fidelity scores as SDMetrics' single-table {@code QualityReport} defines them: Column Shapes is
 * the mean of the per-column KSComplement (numeric, integer, date, datetime) or TVComplement
 * (binary, categorical); Column Pair Trends is the mean over all pairs of CorrelationSimilarity
 * (two continuous columns) or ContingencySimilarity (otherwise, the continuous side binned as in
 * {@link FidelityMetrics#qualityReportBins}); the overall score is the mean of the two. NaN scores
 * are left out of the means. Identifier and dropped columns are ignored.
 *
 * <p>Besides the SDMetrics numbers, each column also gets a missing-aware shape score (a missing
 * value as its own category) and the missing-rate similarity; {@link #columnShapesWithMissing()}
 * averages the former.
 *
 * @param columns per-column scores in schema order
 * @param pairs per-pair scores, pairs in schema order
 * @param columnShapes mean column shape score
 * @param columnPairTrends mean pair score
 * @param overall mean of the two
 * @param columnShapesWithMissing mean of the missing-aware column scores
 */
public record QualityReport(
    List<ColumnShape> columns,
    List<ColumnPair> pairs,
    double columnShapes,
    double columnPairTrends,
    double overall,
    double columnShapesWithMissing) {

  public QualityReport {
    columns = List.copyOf(columns);
    pairs = List.copyOf(pairs);
  }

  /**
   * One column's shape score.
   *
   * @param column the column name
   * @param metric {@code KSComplement} or {@code TVComplement}
   * @param score the SDMetrics score (missing values dropped)
   * @param scoreWithMissing the same metric with missing as its own category
   * @param missingSimilarity 1 − |difference of missing rates|
   */
  public record ColumnShape(
      String column,
      String metric,
      double score,
      double scoreWithMissing,
      double missingSimilarity) {}

  /**
   * One column pair's trend score.
   *
   * @param column1 the first column (earlier in the schema)
   * @param column2 the second column
   * @param metric {@code CorrelationSimilarity} or {@code ContingencySimilarity}
   * @param score the similarity
   * @param realCorrelation Pearson correlation in the real table (correlation pairs only, else NaN)
   * @param syntheticCorrelation Pearson correlation in the synthetic table (correlation pairs only,
   *     else NaN)
   */
  public record ColumnPair(
      String column1,
      String column2,
      String metric,
      double score,
      double realCorrelation,
      double syntheticCorrelation) {}

  /**
   * Computes the report. Both tables must have the same columns (read with one schema).
   *
   * @param real the real (training) table
   * @param synthetic the synthetic table
   */
  public static QualityReport compute(Table real, Table synthetic) {
    TableColumns.requireSameColumns(real, synthetic, "synthetic table");
    int[] learned = TableColumns.learned(real.schema());
    List<ColumnShape> shapes = new ArrayList<>();
    for (int c : learned) {
      ColumnSchema column = TableColumns.column(real, c);
      double[] r = real.column(c);
      double[] s = synthetic.column(c);
      boolean continuous = column.kind().isContinuous();
      shapes.add(
          new ColumnShape(
              column.name(),
              continuous ? "KSComplement" : "TVComplement",
              continuous ? FidelityMetrics.ksComplement(r, s) : FidelityMetrics.tvComplement(r, s),
              continuous
                  ? FidelityMetrics.ksComplementWithMissing(r, s)
                  : FidelityMetrics.tvComplementWithMissing(r, s),
              FidelityMetrics.missingValueSimilarity(r, s)));
    }
    double[][] realBinned = new double[real.columnCount()][];
    double[][] synBinned = new double[real.columnCount()][];
    for (int c : learned) {
      if (TableColumns.column(real, c).kind().isContinuous()) {
        realBinned[c] = FidelityMetrics.qualityReportBins(real.column(c));
        synBinned[c] = FidelityMetrics.qualityReportBins(synthetic.column(c));
      }
    }
    List<ColumnPair> pairs = new ArrayList<>();
    for (int i = 0; i < learned.length; i++) {
      for (int j = i + 1; j < learned.length; j++) {
        int a = learned[i];
        int b = learned[j];
        boolean contA = TableColumns.column(real, a).kind().isContinuous();
        boolean contB = TableColumns.column(real, b).kind().isContinuous();
        String nameA = TableColumns.column(real, a).name();
        String nameB = TableColumns.column(real, b).name();
        if (contA && contB) {
          double rho = FidelityMetrics.pearson(real.column(a), real.column(b));
          double rhoS = FidelityMetrics.pearson(synthetic.column(a), synthetic.column(b));
          double score =
              Double.isNaN(rho) || Double.isNaN(rhoS)
                  ? Double.NaN
                  : 1.0 - Math.abs(rho - rhoS) / 2.0;
          pairs.add(new ColumnPair(nameA, nameB, "CorrelationSimilarity", score, rho, rhoS));
        } else {
          double score =
              FidelityMetrics.contingencySimilarity(
                  contA ? realBinned[a] : real.column(a),
                  contB ? realBinned[b] : real.column(b),
                  contA ? synBinned[a] : synthetic.column(a),
                  contB ? synBinned[b] : synthetic.column(b));
          pairs.add(
              new ColumnPair(nameA, nameB, "ContingencySimilarity", score, Double.NaN, Double.NaN));
        }
      }
    }
    double shapesMean = nanMean(shapes.stream().mapToDouble(ColumnShape::score).toArray());
    double withMissing =
        nanMean(shapes.stream().mapToDouble(ColumnShape::scoreWithMissing).toArray());
    double pairsMean = nanMean(pairs.stream().mapToDouble(ColumnPair::score).toArray());
    double overall = nanMean(new double[] {shapesMean, pairsMean});
    return new QualityReport(shapes, pairs, shapesMean, pairsMean, overall, withMissing);
  }

  /** Mean of the non-NaN values; NaN when there are none. */
  public static double nanMean(double[] values) {
    double sum = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        n++;
      }
    }
    return n == 0 ? Double.NaN : sum / n;
  }
}

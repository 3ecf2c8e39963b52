package io.github.syntheticpatients.runtime.eval.stats;

/**
 * Equal-width bins over {@code [low, high]} with open outer bins: a value below the range counts in
 * the first bin, one above it in the last ({@code pandas.cut} with −∞/+∞ ends). The one owner of
 * this rule, shared by the disclosure keys and the report's histograms. SDMetrics' contingency bins
 * follow numpy's edges and {@code digitize} instead ({@code FidelityMetrics.qualityReportBins}),
 * where the maximum and a missing value share a code, so they differ.
 *
 * @param low left edge of the first bin
 * @param width width of a bin; 0 (a constant range) puts every value in the first bin
 * @param count number of bins
 */
public record EqualWidthBins(double low, double width, int count) {
  /** {@code count} bins from {@code low} to {@code high}. */
  public static EqualWidthBins over(double low, double high, int count) {
    return new EqualWidthBins(low, (high - low) / count, count);
  }

  /** The bin of a non-missing value, 0 to count − 1. */
  public int of(double v) {
    return width > 0
        ? (int) Math.max(0, Math.min(count - 1, (long) Math.floor((v - low) / width)))
        : 0;
  }
}

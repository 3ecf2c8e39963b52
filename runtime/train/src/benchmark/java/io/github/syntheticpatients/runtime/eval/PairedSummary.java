package io.github.syntheticpatients.runtime.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A benchmark's figures per dataset, generator and seed, summarised so that a difference between
 * two generators can be told from noise: each figure's mean ± sd over the seeds, and each
 * generator's paired difference from a reference generator (the same dataset and seed, so the same
 * split and held-back half) with its standard error, sd(d) / √seeds. A difference of more than two
 * standard errors is marked.
 */
final class PairedSummary {
  private final List<String> figures;
  private final Map<String, Map<String, Map<Long, double[]>>> values = new LinkedHashMap<>();

  /**
   * @param figures the figures' names, in the order {@link #add} takes their values
   */
  PairedSummary(List<String> figures) {
    this.figures = List.copyOf(figures);
  }

  /** One row's figures. */
  void add(String dataset, String generator, long seed, double... figureValues) {
    if (figureValues.length != figures.size()) {
      throw new IllegalArgumentException("one value per figure: " + figures);
    }
    values
        .computeIfAbsent(dataset, d -> new LinkedHashMap<>())
        .computeIfAbsent(generator, g -> new LinkedHashMap<>())
        .put(seed, figureValues.clone());
  }

  /**
   * The summary as markdown, a table per dataset: every generator's means ± sd over seeds, and its
   * paired difference from {@code reference} ± standard error over the seeds both have (a {@code *}
   * where it exceeds two standard errors).
   */
  String format(String reference) {
    StringBuilder out = new StringBuilder();
    for (Map.Entry<String, Map<String, Map<Long, double[]>>> dataset : values.entrySet()) {
      Map<Long, double[]> base = dataset.getValue().get(reference);
      out.append("\n").append(dataset.getKey()).append(": mean ± sd over seeds");
      if (base != null) {
        out.append("; Δ = minus ").append(reference).append(", paired by seed, ± standard error");
      }
      out.append("\n| generator | seeds |");
      StringBuilder rule = new StringBuilder("|---|---|");
      for (String figure : figures) {
        out.append(' ').append(figure).append(" |");
        rule.append("---|");
        if (base != null) {
          out.append(" Δ ").append(figure).append(" |");
          rule.append("---|");
        }
      }
      out.append('\n').append(rule).append('\n');
      for (Map.Entry<String, Map<Long, double[]>> generator : dataset.getValue().entrySet()) {
        Map<Long, double[]> rows = generator.getValue();
        out.append("| ").append(generator.getKey()).append(" | ").append(rows.size()).append(" |");
        for (int f = 0; f < figures.size(); f++) {
          List<Double> own = new ArrayList<>();
          List<Double> paired = new ArrayList<>();
          for (Map.Entry<Long, double[]> row : rows.entrySet()) {
            own.add(row.getValue()[f]);
            if (base != null && base.containsKey(row.getKey())) {
              paired.add(row.getValue()[f] - base.get(row.getKey())[f]);
            }
          }
          out.append(String.format(Locale.ROOT, " %.4f ± %.4f |", mean(own), sd(own)));
          if (base != null) {
            if (generator.getKey().equals(reference) || paired.isEmpty()) {
              out.append(" – |");
            } else {
              double se = sd(paired) / Math.sqrt(paired.size());
              double d = mean(paired);
              out.append(
                  String.format(
                      Locale.ROOT,
                      " %+.4f ± %.4f%s |",
                      d,
                      se,
                      paired.size() > 1 && Math.abs(d) > 2 * se ? " *" : ""));
            }
          }
        }
        out.append('\n');
      }
    }
    return out.toString();
  }

  static double mean(List<Double> x) {
    return x.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
  }

  /** The sample standard deviation (0 for fewer than two values). */
  static double sd(List<Double> x) {
    if (x.size() < 2) {
      return 0;
    }
    double m = mean(x);
    double s = 0;
    for (double v : x) {
      s += (v - m) * (v - m);
    }
    return Math.sqrt(s / (x.size() - 1));
  }
}

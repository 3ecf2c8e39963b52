package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.ValueRange;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Samples a Gaussian copula. It fixes one category exactly by conditioning the copula's normal
 * scores on the category's interval ({@link GaussianCopula#sample(int, String, int,
 * RandomStream)}); of several requested categories it fixes the rarest, which rejection would find
 * hardest, and leaves the others to rejection.
 */
final class CopulaRowSampler implements RowSampler {
  private final GaussianCopula copula;

  CopulaRowSampler(GaussianCopula copula) {
    this.copula = copula;
  }

  @Override
  public Table sample(int rows, Map<String, Integer> fixed, RandomStream random) {
    if (fixed.isEmpty()) {
      return copula.sample(rows, random);
    }
    Map.Entry<String, Integer> only = fixed.entrySet().iterator().next();
    return copula.sample(rows, only.getKey(), only.getValue(), random);
  }

  /**
   * The copula draws each row's numbers in turn, with or without a fixed category, so fewer rows
   * are the block's first rows.
   */
  @Override
  public Table sampleFirst(
      int rows, int blockRows, Map<String, Integer> fixed, RandomStream random) {
    return sample(rows, fixed, random);
  }

  @Override
  public Map<String, Integer> conditionable(Map<String, Integer> requested) {
    String rarest = null;
    double rarestShare = Double.POSITIVE_INFINITY;
    for (Map.Entry<String, Integer> entry : requested.entrySet()) {
      OptionalDouble share = copula.probability(entry.getKey(), entry.getValue());
      if (share.isPresent() && share.getAsDouble() < rarestShare) {
        rarest = entry.getKey();
        rarestShare = share.getAsDouble();
      }
    }
    Map<String, Integer> chosen = new LinkedHashMap<>();
    if (rarest != null) {
      chosen.put(rarest, requested.get(rarest));
    }
    return chosen;
  }

  @Override
  public Optional<ValueRange> valueRange(String column) {
    return copula.valueRange(column);
  }
}

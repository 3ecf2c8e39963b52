package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.Map;

/**
 * Samples a Gaussian copula; it has no conditional vector, so every condition is met by rejection.
 */
final class CopulaRowSampler implements RowSampler {
  private final GaussianCopula copula;

  CopulaRowSampler(GaussianCopula copula) {
    this.copula = copula;
  }

  @Override
  public Table sample(int rows, Map<String, Integer> fixed, RandomStream random) {
    return copula.sample(rows, random);
  }

  /** The copula draws each row's uniforms in turn, so fewer rows are the block's first rows. */
  @Override
  public Table sampleFirst(
      int rows, int blockRows, Map<String, Integer> fixed, RandomStream random) {
    return copula.sample(rows, random);
  }

  @Override
  public Map<String, Integer> conditionable(Map<String, Integer> requested) {
    return Map.of();
  }
}

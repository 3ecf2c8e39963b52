package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.fit.copula.GaussianCopulaFitter;
import io.github.syntheticpatients.runtime.random.RandomStream;

/**
 * A Gaussian copula as a prior for argn on small tables: the copula, fitted on the training rows,
 * samples {@code m = scale · max(0, 640 − n)} rows for a training part of n rows, and argn trains
 * on the real and the copula's rows together (validation stays on real rows only), the copula's
 * rows drawn afresh every epoch unless {@value #FRESH} is false. With few real rows the network
 * then starts from the copula's shape and learns only the conditional structure the data support;
 * the share of copula rows shrinks to nothing as the table grows. The copula's rows are as private
 * as the copula model, whose values are protected the same way (k-th smallest to k-th largest, rare
 * categories generalised).
 */
final class CopulaPrior {
  /**
   * Option: copula rows per real row that the training part lacks below {@value #FULL_ROWS} rows
   * (0: none).
   */
  static final String SCALE = "argnPrior";

  /**
   * Option: draw the copula's rows afresh every epoch ({@code true}, the default) or once ({@code
   * false}, as before 2026-12-07).
   */
  static final String FRESH = "argnPriorFresh";

  /** The largest scale: 100,000 copula rows for an empty training part. */
  static final double MAX_SCALE = 100;

  /**
   * The default scale: on pbc argn's tree-detection AUC fell from 0.94 to the copula's level from
   * about 1,700 copula rows on, and 4 (about 2,000 rows there) is the middle of that plateau; on
   * held-out small tables it gains 0.07 to 0.09 (docs/benchmarks/argn.md).
   */
  static final double DEFAULT_SCALE = 4;

  /**
   * The training part from which argn gets no copula rows: what a table of 1,000 rows fits with the
   * default fractions (0.8 × 0.8), so every table of 1,000 rows or more, where argn alone matches
   * or beats the copula (docs/benchmarks/argn.md), trains as before.
   */
  static final int FULL_ROWS = 640;

  /** Mixed into the training seed so the copula's rows are not drawn from the network's stream. */
  private static final long SALT = 0x636f70756c61L;

  private CopulaPrior() {}

  /**
   * How many copula rows a training part of {@code realRows} rows gets: scale × the rows missing.
   */
  static int rowsFor(int realRows, double scale) {
    return (int) Math.round(scale * Math.max(0, FULL_ROWS - realRows));
  }

  /**
   * {@code rows} rows sampled from a Gaussian copula fitted on {@code train} with value protection
   * {@code valueProtectionK}; seeded.
   */
  static Table sample(Table train, int valueProtectionK, int rows, long seed) {
    return sample(GaussianCopulaFitter.fit(train, valueProtectionK), rows, seed, 0);
  }

  /**
   * {@code rows} rows of {@code copula} for training epoch {@code epoch} (0-based): epoch 0 draws
   * what {@link #sample(Table, int, int, long)} draws, each later epoch its own rows.
   */
  static Table sample(GaussianCopula copula, int rows, long seed, int epoch) {
    return copula.sample(rows, RandomStream.of((seed ^ SALT) + epoch));
  }
}

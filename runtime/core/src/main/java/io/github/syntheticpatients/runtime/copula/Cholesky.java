package io.github.syntheticpatients.runtime.copula;

import java.util.Optional;

/**
 * The Cholesky factor L (lower triangular, L·Lᵀ = A) of a symmetric positive definite matrix.
 *
 * <p>The thresholds and the order of operations are those of commons-math3's {@code
 * CholeskyDecomposition}, which the copula used before, so a model's correlation loads into the
 * same factor and fitting shrinks it as often as before. Only {@code Math.sqrt}, exact by
 * specification, is transcendental.
 */
public final class Cholesky {
  /** Entries a(i, j) and a(j, i) may differ by this much, relative to the larger. */
  static final double SYMMETRY_TOLERANCE = 1e-12;

  /** A pivot at or below this means the matrix is not (numerically) positive definite. */
  static final double MINIMUM_PIVOT = 1e-10;

  private Cholesky() {}

  /** L, or empty when {@code matrix} is not square, not symmetric or not positive definite. */
  public static Optional<double[][]> lower(double[][] matrix) {
    int n = matrix.length;
    // Upper triangle of Lᵀ, row by row (the outer-product form commons-math3 uses).
    double[][] upper = new double[n][];
    for (int i = 0; i < n; i++) {
      if (matrix[i].length != n) {
        return Optional.empty();
      }
      upper[i] = matrix[i].clone();
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        double aij = matrix[i][j];
        double aji = matrix[j][i];
        if (Math.abs(aij - aji) > SYMMETRY_TOLERANCE * Math.max(Math.abs(aij), Math.abs(aji))) {
          return Optional.empty();
        }
        upper[j][i] = 0;
      }
    }
    for (int i = 0; i < n; i++) {
      double[] row = upper[i];
      if (!(row[i] > MINIMUM_PIVOT)) {
        return Optional.empty();
      }
      row[i] = Math.sqrt(row[i]);
      double inverse = 1.0 / row[i];
      for (int q = n - 1; q > i; q--) {
        row[q] *= inverse;
        double[] below = upper[q];
        for (int p = q; p < n; p++) {
          below[p] -= row[q] * row[p];
        }
      }
    }
    double[][] lower = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        lower[i][j] = upper[j][i];
      }
    }
    return Optional.of(lower);
  }
}

package io.github.syntheticpatients.runtime.fit.copula;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Repairs a pairwise correlation estimate that is not positive definite by raising its eigenvalues
 * to a floor and rescaling to a unit diagonal (one step of Higham's projection; "Computing the
 * nearest correlation matrix", IMA J. Numer. Anal. 22, 2002). Polychoric and polyserial estimates,
 * each fitted on its own pair, often form such a matrix; shrinking every correlation toward 0 until
 * the matrix is definite would weaken the strong pairs along with the inconsistent ones, whereas
 * this changes the matrix only along its negative directions.
 */
final class EigenvalueFloor {
  /** The smallest eigenvalue kept, before the diagonal is rescaled to 1. */
  static final double FLOOR = 1e-3;

  private EigenvalueFloor() {}

  /** The repaired matrix: symmetric, unit diagonal, eigenvalues about {@link #FLOOR} or more. */
  static double[][] apply(double[][] correlation) {
    int d = correlation.length;
    EigenDecomposition eigen = new EigenDecomposition(new Array2DRowRealMatrix(correlation));
    RealMatrix v = eigen.getV();
    double[] values = eigen.getRealEigenvalues();
    double[][] raised = new double[d][d];
    for (int a = 0; a < d; a++) {
      for (int b = a; b < d; b++) {
        double sum = 0;
        for (int e = 0; e < d; e++) {
          sum += v.getEntry(a, e) * Math.max(values[e], FLOOR) * v.getEntry(b, e);
        }
        raised[a][b] = sum;
      }
    }
    double[][] repaired = new double[d][d];
    for (int a = 0; a < d; a++) {
      repaired[a][a] = 1;
      for (int b = a + 1; b < d; b++) {
        double value = raised[a][b] / Math.sqrt(raised[a][a] * raised[b][b]);
        repaired[a][b] = value;
        repaired[b][a] = value;
      }
    }
    return repaired;
  }
}

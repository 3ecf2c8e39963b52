package io.github.syntheticpatients.runtime.eval;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.eval.stats.TableColumns;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The splits and model-free "synthetic" tables of the gate's calibration: {@code GateBenchmark}
 * (runtime/train, which also fits the copula case) and {@code GateCalibrationTest} share them.
 */
public final class GateCases {
  private GateCases() {}

  /** A seeded split into thirds: {T, H, F}. */
  public static Table[] thirds(Table table, long seed) {
    int[] order = TableColumns.permutation(table.rowCount(), seed);
    int third = table.rowCount() / 3;
    return new Table[] {
      table.selectRows(Arrays.copyOfRange(order, 0, third)),
      table.selectRows(Arrays.copyOfRange(order, third, 2 * third)),
      table.selectRows(Arrays.copyOfRange(order, 2 * third, 3 * third))
    };
  }

  /**
   * The synthetic table of one case that needs no fitted model: {@code fresh}, {@code copy}, {@code
   * nearCopy} or {@code memoriser} (the {@code copula} case is fitted in runtime/train's {@code
   * GateBenchmark}).
   */
  public static Table synthetic(String name, Table train, Table fresh, long seed) {
    return switch (name) {
      case "fresh" -> fresh;
      case "copy" -> train;
      case "nearCopy" -> perturbed(train, train.rowCount(), false, 0.002, 0, seed);
      case "memoriser" -> perturbed(train, train.rowCount(), true, 0.05, 0.1, seed);
      default -> throw new IllegalArgumentException(name);
    };
  }

  /**
   * Training rows with noise on the continuous columns (uniform ±scale·range, or Gaussian with sd
   * scale·range, clipped to the column's range) and a share of discrete values swapped for another
   * row's.
   *
   * @param resample draw rows with replacement (else keep every row once, in order)
   */
  static Table perturbed(
      Table train, int rows, boolean resample, double scale, double swapShare, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    int[] picks = new int[rows];
    for (int i = 0; i < rows; i++) {
      picks[i] = resample ? random.nextInt(train.rowCount()) : i;
    }
    Table base = train.selectRows(picks);
    double[][] c = new double[base.columnCount()][];
    int[] learned = TableColumns.learned(base.schema());
    for (int k = 0; k < c.length; k++) {
      c[k] = base.column(k).clone();
    }
    for (int k : learned) {
      double[] values = train.column(k);
      if (TableColumns.column(base, k).kind().isContinuous()) {
        double min = Arrays.stream(values).filter(v -> !Double.isNaN(v)).min().orElse(0);
        double max = Arrays.stream(values).filter(v -> !Double.isNaN(v)).max().orElse(0);
        double range = max - min;
        for (int i = 0; i < rows; i++) {
          if (!Double.isNaN(c[k][i])) {
            double noise =
                resample
                    ? random.nextGaussian() * scale * range
                    : (2 * random.nextDouble() - 1) * scale * range;
            c[k][i] = Math.min(max, Math.max(min, c[k][i] + noise));
          }
        }
      } else {
        for (int i = 0; i < rows; i++) {
          if (random.nextDouble() < swapShare) {
            c[k][i] = values[random.nextInt(values.length)];
          }
        }
      }
    }
    return new Table(base.schema(), c);
  }
}

package io.github.syntheticpatients.runtime.dp;

import java.util.stream.DoubleStream;
import java.util.stream.IntStream;

/**
 * The grids of Rényi orders α at which the accountant tracks the privacy loss: ε is the minimum
 * over the grid, so a grid that misses the optimal order only overstates ε.
 */
public final class RdpOrders {
  private RdpOrders() {}

  /** dp_accounting's: 1.1, 1.2, …, 10.9, then 11, 12, …, 63, then 128, 256, 512, 1024. */
  public static double[] dpAccounting() {
    return DoubleStream.concat(
            tenths(),
            DoubleStream.concat(
                IntStream.rangeClosed(11, 63).asDoubleStream(),
                DoubleStream.of(128, 256, 512, 1024)))
        .toArray();
  }

  /** Opacus': 1.1, 1.2, …, 10.9, then 12, 13, …, 63. */
  public static double[] opacus() {
    return DoubleStream.concat(tenths(), IntStream.rangeClosed(12, 63).asDoubleStream()).toArray();
  }

  /**
   * TensorFlow Privacy's legacy {@code compute_dp_sgd_privacy}: 1.25, 1.5, 1.75, 2, 2.25, 2.5, 3,
   * 3.5, 4, 4.5, then 5, 6, …, 63, then 128, 256, 512.
   */
  public static double[] tensorFlowLegacy() {
    return DoubleStream.concat(
            DoubleStream.of(1.25, 1.5, 1.75, 2, 2.25, 2.5, 3, 3.5, 4, 4.5),
            DoubleStream.concat(
                IntStream.rangeClosed(5, 63).asDoubleStream(), DoubleStream.of(128, 256, 512)))
        .toArray();
  }

  /** 1 + x/10 for x = 1..99, each computed as the division, so 1.3 is the double nearest 1.3. */
  private static DoubleStream tenths() {
    return IntStream.rangeClosed(1, 99).mapToDouble(x -> 1 + x / 10.0);
  }
}

package io.github.syntheticpatients.runtime.dp;

import io.github.syntheticpatients.runtime.InvalidInputException;
import java.util.Arrays;
import java.util.Locale;

/**
 * The Rényi-DP accountant of the Poisson-subsampled Gaussian mechanism: which orders it tracks, how
 * it sums the fractional-order series, and how it converts to (ε, δ). Immutable; {@link
 * PrivacyLedger} keeps a running total with it.
 *
 * <p>Composition is addition: T steps at (q, σ) cost T·ε_RDP(α) at each order α, and steps of
 * different stages (q, σ and counts of their own, e.g. a VAE, a discriminator, a labeler over the
 * same patients) add order by order. Convert to (ε, δ) once, at the end: converting per stage and
 * adding ε's is far looser.
 */
public final class RdpAccountant {
  private static final RdpAccountant STANDARD =
      new RdpAccountant(RdpOrders.dpAccounting(), RdpSeries.CONSERVATIVE, true);
  private static final RdpAccountant OPACUS =
      new RdpAccountant(RdpOrders.opacus(), RdpSeries.SIGNED, false);

  private final double[] orders;
  private final RdpSeries series;
  private final boolean dpAccountingConversion;

  private RdpAccountant(double[] orders, RdpSeries series, boolean dpAccountingConversion) {
    this.orders = orders.clone();
    this.series = series;
    this.dpAccountingConversion = dpAccountingConversion;
  }

  /**
   * The project's accountant: dp_accounting's orders ({@link RdpOrders#dpAccounting()}), the
   * conservative series and dp_accounting's conversion rules.
   */
  public static RdpAccountant standard() {
    return STANDARD;
  }

  /**
   * Opacus' RDP accountant, reproduced exactly: its orders, the signed series and the plain
   * conversion. For comparing with published Opacus figures.
   */
  public static RdpAccountant opacusCompatible() {
    return OPACUS;
  }

  /**
   * The same accountant over other orders.
   *
   * @throws InvalidInputException naming {@code orders} when one is ≤ 1 or not a number, or there
   *     are none
   */
  public RdpAccountant withOrders(double... newOrders) {
    if (newOrders.length == 0) {
      throw InvalidInputException.inParameter(
          DpChecks.ORDERS, "orders must hold at least one Rényi order > 1, e.g. 2, 4, 8, 16, 32");
    }
    for (double order : newOrders) {
      if (!(order > 1)) {
        throw InvalidInputException.inParameter(
            DpChecks.ORDERS, "every Rényi order must be > 1 (e.g. 1.5, 2, 32); got " + order);
      }
    }
    return new RdpAccountant(newOrders, series, dpAccountingConversion);
  }

  /** The orders tracked, in the order given. */
  public double[] orders() {
    return orders.clone();
  }

  /** The series used for fractional orders. */
  public RdpSeries series() {
    return series;
  }

  /**
   * ε_RDP at each order of {@code steps} steps at sampling rate q and noise multiplier σ.
   *
   * @throws InvalidInputException naming the parameter out of range
   */
  public double[] rdp(double samplingRate, double noiseMultiplier, long steps) {
    DpChecks.samplingRate(samplingRate);
    DpChecks.noiseMultiplier(noiseMultiplier);
    DpChecks.steps(steps);
    double[] rdp = new double[orders.length];
    if (steps == 0) {
      return rdp;
    }
    for (int k = 0; k < orders.length; k++) {
      rdp[k] = steps * SubsampledGaussian.rdp(samplingRate, noiseMultiplier, orders[k], series);
    }
    return rdp;
  }

  /**
   * The (ε, δ) guarantee of accumulated RDP values (one per order, as {@link #rdp} gives them).
   *
   * @throws InvalidInputException naming {@code delta} when it is outside [0, 1]
   */
  public PrivacySpent epsilon(double[] rdp, double delta) {
    DpChecks.delta(delta);
    return RdpConversion.epsilon(orders, checkedLength(rdp), delta, dpAccountingConversion);
  }

  /** The (ε, δ) guarantee of {@code steps} steps at (q, σ). */
  public PrivacySpent epsilon(
      double samplingRate, double noiseMultiplier, long steps, double delta) {
    DpChecks.delta(delta);
    return epsilon(rdp(samplingRate, noiseMultiplier, steps), delta);
  }

  /**
   * The smallest δ at which accumulated RDP values give {@code epsilon} (dp_accounting's inverse
   * conversion).
   *
   * @throws InvalidInputException naming {@code epsilon} when it is negative or not finite
   */
  public PrivacySpent delta(double[] rdp, double epsilon) {
    DpChecks.epsilon(epsilon);
    return RdpConversion.delta(orders, checkedLength(rdp), epsilon);
  }

  private double[] checkedLength(double[] rdp) {
    if (rdp.length != orders.length) {
      throw new IllegalArgumentException(
          "RDP values for " + rdp.length + " orders, but this accountant tracks " + orders.length);
    }
    return rdp;
  }

  /** E.g. "RDP accountant (conservative series, 156 orders from 1.1 to 1024)". */
  @Override
  public String toString() {
    double min = Arrays.stream(orders).min().orElseThrow();
    double max = Arrays.stream(orders).max().orElseThrow();
    return "RDP accountant ("
        + series.name().toLowerCase(Locale.ROOT)
        + " series, "
        + orders.length
        + " orders from "
        + orderText(min)
        + " to "
        + orderText(max)
        + ")";
  }

  /** A whole order without ".0" (19, not 19.0), others as doubles (3.9). */
  private static String orderText(double order) {
    return order == Math.rint(order) && !Double.isInfinite(order)
        ? Long.toString((long) order)
        : Double.toString(order);
  }
}

package io.github.syntheticpatients.runtime.dp;

/**
 * How the series for a fractional Rényi order is summed (Mironov, Talwar and Zhang 2019, §3.3). The
 * two agree to about 8 digits on typical DP-SGD settings; they differ in how they stop.
 */
public enum RdpSeries {
  /**
   * dp_accounting's summation (after its fix against early termination): every term counted with
   * its absolute value, which can only overstate ε, stopped once both halves of the term are
   * falling and 30 nats below the total; an order that has not converged after 1,000 terms is
   * dropped (+∞).
   */
  CONSERVATIVE,
  /**
   * Opacus' summation: terms added or subtracted by the sign of the binomial coefficient, stopped
   * once a term falls below e^-30. Reproduces Opacus exactly; an order whose partial sum would turn
   * negative, or that has not converged after 1,000,000 terms, is dropped (+∞).
   */
  SIGNED
}

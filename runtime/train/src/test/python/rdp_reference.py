#!/usr/bin/env python3
"""Independent reference values for the RDP accountant (runtime.dp; docs/privacy-dp.md).

Nothing here is shared with the Java code or ported from Opacus or dp_accounting. A_alpha is
computed from its definition for the Poisson-subsampled Gaussian (Mironov, Talwar and Zhang 2019,
arXiv 1908.10530, Sec. 3.3), with mu0 = N(0, s^2) and mu = (1-q) mu0 + q N(1, s^2):

    A_alpha = E_{z ~ mu0} [ (mu(z)/mu0(z))^alpha ]
            = integral of phi_s(z) * ((1-q) + q exp((2z-1)/(2 s^2)))^alpha dz

    * fractional alpha: the integral itself, by mpmath's tanh-sinh quadrature at 40 digits, split
      at the two peaks (z = 0 and z = alpha) and their flanks;
    * integer alpha: the exact binomial expansion of the same integral (the paper's integer case),
      sum_k C(alpha,k) q^k (1-q)^(alpha-k) exp((k^2-k)/(2 s^2)), in 40-digit arithmetic.

eps_RDP(alpha) = T log(A_alpha)/(alpha-1), summed over stages; then the improved conversion
(Balle et al. 2019, arXiv 1905.09982, Thm 21)
    eps(alpha) = eps_RDP + log((alpha-1)/alpha) - (log delta + log alpha)/(alpha-1),
minimised over dp_accounting's orders {1 + x/10 : x = 1..99} + {11..63} + {128, 256, 512, 1024}.

The exact A_alpha is what Opacus' signed series converges to; dp_accounting's conservative series
adds the negative terms instead, so it may sit above these values, by far less than the 1e-3
relative agreement the Java test asks for.

Run:  python3 rdp_reference.py        (needs only mpmath; minutes per vector, V7 the slowest)
Prints one line per vector; ReferenceFromFormulasTest holds the numbers it printed.
"""

import sys

import mpmath as mp

mp.mp.dps = 40

ORDERS = ([mp.mpf(1) + mp.mpf(x) / 10 for x in range(1, 100)]
          + [mp.mpf(a) for a in range(11, 64)]
          + [mp.mpf(a) for a in (128, 256, 512, 1024)])


def log_a_integer(q, s, alpha):
  q, s = mp.mpf(q), mp.mpf(s)
  total = mp.mpf(0)
  for k in range(alpha + 1):
    total += (mp.binomial(alpha, k) * q**k * (1 - q)**(alpha - k)
              * mp.exp(mp.mpf(k * k - k) / (2 * s * s)))
  return mp.log(total)


def log_a_integral(q, s, alpha):
  q, s, alpha = mp.mpf(q), mp.mpf(s), mp.mpf(alpha)

  def integrand(z):
    ratio = (1 - q) + q * mp.exp((2 * z - 1) / (2 * s * s))
    return mp.npdf(z, 0, s) * ratio**alpha

  centres = [mp.mpf(0), alpha, s * s * mp.log(1 / q - 1) + mp.mpf(0.5)]
  points = sorted({c + k * s for c in centres for k in (-40, -12, -4, -1, 0, 1, 4, 12, 40)})
  points = [-mp.inf] + points + [mp.inf]
  return mp.log(mp.quad(integrand, points))


def rdp(q, s, alpha):
  """eps_RDP of one step at order alpha."""
  if q == 1:
    return mp.mpf(alpha) / (2 * mp.mpf(s)**2)
  if alpha == int(alpha):
    log_a = log_a_integer(q, s, int(alpha))
  else:
    log_a = log_a_integral(q, s, alpha)
  return log_a / (alpha - 1)


def rdp_conservative_series(q, s, alpha):
  """The value dp_accounting's conservative series converges to (its terms by absolute value).

  The series of Sec. 3.3 for fractional alpha, every binomial coefficient taken as |C(alpha, i)|,
  summed to convergence by mpmath.nsum (no cut-off after 1,000 terms). It bounds the exact value
  from above; the two differ most for large q.
  """
  q, s, alpha = mp.mpf(q), mp.mpf(s), mp.mpf(alpha)
  z0 = s * s * mp.log(1 / q - 1) + mp.mpf(0.5)

  def term(i):
    j = alpha - i
    c = abs(mp.binomial(alpha, i))
    t0 = q**i * (1 - q)**j * mp.exp((i * i - i) / (2 * s * s)) * mp.erfc((i - z0) / (mp.sqrt(2) * s))
    t1 = q**j * (1 - q)**i * mp.exp((j * j - j) / (2 * s * s)) * mp.erfc((z0 - j) / (mp.sqrt(2) * s))
    return c * (t0 + t1) / 2

  return mp.log(mp.nsum(term, [0, mp.inf])) / (alpha - 1)


def epsilon(stages, delta, orders=ORDERS):
  """min over orders of the conversion, and the optimal order; stages = [(q, sigma, steps)]."""
  best = None
  delta = mp.mpf(delta)
  for alpha in orders:
    total = sum(steps * rdp(q, s, alpha) for q, s, steps in stages)
    if delta**2 + mp.expm1(-total) > 0:  # the KL bound alone gives eps = 0
      eps = mp.mpf(0)
    else:
      eps = total + mp.log((alpha - 1) / alpha) - (mp.log(delta) + mp.log(alpha)) / (alpha - 1)
    if best is None or eps < best[0]:
      best = (eps, alpha)
  return best


# (name, stages [(q, sigma, steps)], delta): regimes the published vectors leave out.
VECTORS = [
    ('V1 q=0.01 s=1.1 T=10000', [(0.01, 1.1, 10000)], 1e-5),
    ('V2 small noise q=0.001 s=0.8 T=100000', [(0.001, 0.8, 100000)], 1e-6),
    ('V3 large rate q=0.1 s=2 T=500', [(0.1, 2.0, 500)], 1e-5),
    ('V4 no subsampling q=1 s=10 T=100', [(1.0, 10.0, 100)], 1e-5),
    ('V5 large noise q=0.02 s=20 T=1000', [(0.02, 20.0, 1000)], 1e-5),
    ('V6 two stages', [(0.005, 1.0, 2000), (0.05, 2.5, 300)], 1e-5),
    ('V7 few noisy steps q=0.25 s=0.6 T=50', [(0.25, 0.6, 50)], 1e-5),
]

# Single-order values at fractional orders, where the series matters: (q, sigma, alpha).
SINGLE = [(0.01, 1.1, 2.5), (0.3, 0.7, 1.5), (0.001, 5.0, 7.7), (0.05, 0.9, 10.9), (0.5, 2.0, 3.3)]


def main():
  for q, s, alpha in SINGLE[:1]:
    # Self-check: the integral agrees with the exact sum at integer orders.
    for a in (2, 7):
      gap = abs(log_a_integral(q, s, a) - log_a_integer(q, s, a))
      assert gap < mp.mpf(10)**-25, gap
  for q, s, alpha in SINGLE:
    print('rdp q=%s sigma=%s alpha=%s: exact %s, conservative series %s' % (
        q, s, alpha, mp.nstr(rdp(q, s, mp.mpf(alpha)), 15),
        mp.nstr(rdp_conservative_series(q, s, alpha), 15)))
  for x in (-3, 0.5, 5, 19.5, 20.5, 30):
    print('log erfc(%s) = %s' % (x, mp.nstr(mp.log(mp.erfc(x)), 17)))
  sys.stdout.flush()
  for name, stages, delta in VECTORS:
    eps, alpha = epsilon(stages, delta)
    print('%s delta=%s: epsilon=%s order=%s' % (name, delta, mp.nstr(eps, 15), mp.nstr(alpha, 6)))
    sys.stdout.flush()


if __name__ == '__main__':
  main()

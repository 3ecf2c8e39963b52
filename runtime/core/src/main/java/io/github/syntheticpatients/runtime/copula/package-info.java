/**
 * A Gaussian copula: a fast, non-neural generator of synthetic tables from marginals and
 * correlations.
 */
package io.github.syntheticpatients.runtime.copula;

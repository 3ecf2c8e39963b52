/**
 * Fitting of the Gaussian copula of {@link io.github.syntheticpatients.runtime.copula}: marginals,
 * normal scores and the shrunk correlation. The core keeps only what loading and sampling need.
 */
package io.github.syntheticpatients.runtime.fit.copula;

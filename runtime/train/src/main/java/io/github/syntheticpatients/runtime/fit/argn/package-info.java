/**
 * Fitting of the autoregressive generator's encoding ({@link
 * io.github.syntheticpatients.runtime.model.argn.ArgnEncoding}): each column's grid and quantile
 * bins, from value-protected numbers.
 */
package io.github.syntheticpatients.runtime.fit.argn;

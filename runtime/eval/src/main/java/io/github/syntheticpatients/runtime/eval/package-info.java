/** Fidelity, utility and privacy metrics of synthetic tables, the privacy gate and the evaluation reports. */
package io.github.syntheticpatients.runtime.eval;

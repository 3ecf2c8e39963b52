/**
 * Shared by the rooms of eval: column selection and subsampling, ranks, feature encoding, the
 * Tribuo classifiers and the JSON tree's values.
 */
package io.github.syntheticpatients.runtime.eval.stats;

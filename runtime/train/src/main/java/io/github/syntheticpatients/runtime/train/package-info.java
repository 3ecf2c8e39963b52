/** Training orchestration: read, split, encode, fit, select, gate and write a model. */
package io.github.syntheticpatients.runtime.train;

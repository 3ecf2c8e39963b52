/**
 * Reversible encoders: a table becomes a float matrix a generator learns, and generated rows decode
 * back into a table.
 */
package io.github.syntheticpatients.runtime.encode;

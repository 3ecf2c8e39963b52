/** Streaming CSV reading and writing; the only code that uses Apache Commons CSV. */
package io.github.syntheticpatients.runtime.io.csv;

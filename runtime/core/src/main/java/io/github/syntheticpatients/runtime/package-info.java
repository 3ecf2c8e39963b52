/**
 * The API's records, exceptions and read-only views ({@code SchemaView}, {@code TableView}): plain
 * JDK types, imported by every other package and importing none. Entry points sit in {@code
 * runtime.sampling} (load a model, sample, generate a file, read a schema), {@code
 * runtime.training} and {@code runtime.evaluation}; see docs/architecture.md.
 */
package io.github.syntheticpatients.runtime;

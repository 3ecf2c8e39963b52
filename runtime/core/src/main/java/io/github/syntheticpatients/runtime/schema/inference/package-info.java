/**
 * Schema inference from CSV files: column kinds, identifiers, static attributes. Internal; reached
 * through {@code Schemas}.
 */
package io.github.syntheticpatients.runtime.schema.inference;

/**
 * Table schemas: column kinds, categories, missingness, roles; inferred from CSV and editable as
 * JSON.
 */
package io.github.syntheticpatients.runtime.schema;

/**
 * Deterministic JSON and JSON Lines files (schemas, manifests, reports, records); the only code
 * that uses Jackson.
 */
package io.github.syntheticpatients.runtime.io.json;

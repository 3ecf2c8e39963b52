/**
 * The evaluation report: computing it, its JSON tree, its HTML page and the files they are written
 * to.
 */
package io.github.syntheticpatients.runtime.eval.report;

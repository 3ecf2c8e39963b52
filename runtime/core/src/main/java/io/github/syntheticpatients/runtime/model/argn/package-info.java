/**
 * The autoregressive generator ({@code argn}): columns as discrete sub-columns, a chain of small
 * softmax heads over them, and its plain-Java sampling.
 */
package io.github.syntheticpatients.runtime.model.argn;

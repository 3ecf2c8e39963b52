/**
 * Training of the autoregressive generator ({@code argn}) on DJL PyTorch: a chain of small softmax
 * heads over discrete sub-columns, trained by cross-entropy on random column orders, exported to
 * {@link io.github.syntheticpatients.runtime.model.argn.ArgnNetwork} for plain-Java sampling.
 */
package io.github.syntheticpatients.runtime.argn;

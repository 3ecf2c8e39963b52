/**
 * The autoregressive generator for timelines: the static and per-visit tables it learns and its
 * trained parts as plain data; {@code model.ArgnTimelineSampler} samples it.
 */
package io.github.syntheticpatients.runtime.model.argn.timeline;

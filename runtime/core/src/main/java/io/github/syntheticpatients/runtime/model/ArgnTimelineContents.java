package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.model.argn.timeline.TimelineArgn;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a longitudinal model file of the timeline {@code argn} holds, before it is written.
 *
 * @param summary one line for model listings
 * @param model the trained chains and history
 * @param settings training settings
 * @param provenance how the model was made
 * @param evaluation the model card's evaluation
 * @param timing wall-clock facts, kept apart because they differ between identical trainings
 */
public record ArgnTimelineContents(
    String summary,
    TimelineArgn model,
    Map<String, Object> settings,
    Map<String, Object> provenance,
    Map<String, Object> evaluation,
    Map<String, Object> timing) {

  /** The generator name in {@code model.json}. */
  public static final String GENERATOR = "argn";

  public ArgnTimelineContents {
    Objects.requireNonNull(model, "model");
    summary = Objects.requireNonNullElse(summary, "");
    settings = Objects.requireNonNullElse(settings, Map.of());
    provenance = Objects.requireNonNullElse(provenance, Map.of());
    evaluation = Objects.requireNonNullElse(evaluation, Map.of());
    timing = Objects.requireNonNullElse(timing, Map.of());
  }
}

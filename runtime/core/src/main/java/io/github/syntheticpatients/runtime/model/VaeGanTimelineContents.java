package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.encode.TimelineEncoder;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a longitudinal {@code dp-vaegan} model file holds, before it is written.
 *
 * @param summary one line for model listings
 * @param encoder the timeline encoder (patient rows and step rows)
 * @param decoder the generator, the VAE's decoder and its Conv1d layers
 * @param labeler stage C: the labeler that draws the static target, or null when the decoder
 *     generates every static column
 * @param settings training settings
 * @param provenance how the model was made
 * @param evaluation the model card's evaluation
 * @param timing wall-clock facts, kept apart because they differ between identical trainings
 */
public record VaeGanTimelineContents(
    String summary,
    TimelineEncoder encoder,
    SeriesDecoder decoder,
    GanGenerator.Labeler labeler,
    Map<String, Object> settings,
    Map<String, Object> provenance,
    Map<String, Object> evaluation,
    Map<String, Object> timing) {

  /** The generator name in {@code model.json}. */
  public static final String GENERATOR = "dp-vaegan";

  public VaeGanTimelineContents {
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(decoder, "decoder");
    summary = Objects.requireNonNullElse(summary, "");
    settings = Objects.requireNonNullElse(settings, Map.of());
    provenance = Objects.requireNonNullElse(provenance, Map.of());
    evaluation = Objects.requireNonNullElse(evaluation, Map.of());
    timing = Objects.requireNonNullElse(timing, Map.of());
  }
}

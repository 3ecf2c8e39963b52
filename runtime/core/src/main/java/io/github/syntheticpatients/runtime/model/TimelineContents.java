package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.encode.TimelineEncoder;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a longitudinal model file holds, before it is written.
 *
 * @param generator the generator kind ({@code lstm-wgan})
 * @param summary one line for model listings
 * @param encoder the fitted timeline encoder (its schema is the model's schema)
 * @param staticCopulaState the Gaussian copula over the encoder's patient table (static attributes,
 *     visit count, first time), which generates patients before their visits
 * @param network the sequence generator
 * @param settings training settings
 * @param provenance how the model was made
 * @param evaluation the model card's evaluation
 * @param timing wall-clock facts, kept apart because they differ between identical trainings
 */
public record TimelineContents(
    String generator,
    String summary,
    TimelineEncoder encoder,
    Map<String, Object> staticCopulaState,
    TimelineGenerator network,
    Map<String, Object> settings,
    Map<String, Object> provenance,
    Map<String, Object> evaluation,
    Map<String, Object> timing) {
  public TimelineContents {
    Objects.requireNonNull(generator, "generator");
    Objects.requireNonNull(encoder, "encoder");
    Objects.requireNonNull(staticCopulaState, "staticCopulaState");
    Objects.requireNonNull(network, "network");
    summary = Objects.requireNonNullElse(summary, "");
    settings = Objects.requireNonNullElse(settings, Map.of());
    provenance = Objects.requireNonNullElse(provenance, Map.of());
    evaluation = Objects.requireNonNullElse(evaluation, Map.of());
    timing = Objects.requireNonNullElse(timing, Map.of());
  }
}

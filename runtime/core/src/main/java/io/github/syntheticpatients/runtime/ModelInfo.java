package io.github.syntheticpatients.runtime;

import java.util.Map;

/**
 * How a model was made, as recorded in its file.
 *
 * @param formatVersion the model file format version
 * @param generator the generator kind ({@code ctgan}, {@code basic}, {@code copula})
 * @param summary one line for model listings
 * @param settings the training settings
 * @param provenance training data sha256, rows, seed, versions, losses
 * @param evaluation the model card's evaluation results (empty if none)
 */
public record ModelInfo(
    int formatVersion,
    String generator,
    String summary,
    Map<String, Object> settings,
    Map<String, Object> provenance,
    Map<String, Object> evaluation) {
  public ModelInfo {
    settings = Map.copyOf(settings);
    provenance = Map.copyOf(provenance);
    evaluation = Map.copyOf(evaluation);
  }
}

package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a model file holds, before it is written.
 *
 * @param generator the generator kind: {@code ctgan}, {@code basic} or {@code copula}
 * @param summary one line for model listings
 * @param schema the schema of the generated records
 * @param encoderState the fitted encoder ({@link
 *     io.github.syntheticpatients.runtime.encode.TableEncoder#state()}), or null for generators
 *     that need none
 * @param gan the generator network, or null for non-GAN generators
 * @param copulaState the fitted copula's state, or null
 * @param settings training settings
 * @param provenance how the model was made: data sha256, rows, seed, versions, losses
 * @param evaluation the model card's evaluation (privacy gate, scores); may be empty
 * @param timing wall-clock facts (training time); kept apart because they differ between identical
 *     trainings
 */
public record ModelContents(
    String generator,
    String summary,
    TableSchema schema,
    Map<String, Object> encoderState,
    GanGenerator gan,
    Map<String, Object> copulaState,
    Map<String, Object> settings,
    Map<String, Object> provenance,
    Map<String, Object> evaluation,
    Map<String, Object> timing) {
  public ModelContents {
    Objects.requireNonNull(generator, "generator");
    Objects.requireNonNull(schema, "schema");
    summary = Objects.requireNonNullElse(summary, "");
    settings = Objects.requireNonNullElse(settings, Map.of());
    provenance = Objects.requireNonNullElse(provenance, Map.of());
    evaluation = Objects.requireNonNullElse(evaluation, Map.of());
    timing = Objects.requireNonNullElse(timing, Map.of());
    if ((gan == null) == (copulaState == null)) {
      throw new IllegalArgumentException("A model has either a GAN network or a copula");
    }
    if (gan != null && encoderState == null) {
      throw new IllegalArgumentException("A GAN model needs its encoder state");
    }
  }
}

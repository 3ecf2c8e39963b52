package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.model.argn.ArgnModel;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.Map;
import java.util.Objects;

/**
 * Everything a model file holds, before it is written.
 *
 * @param generator the generator kind: {@code ctgan}, {@code basic}, {@code copula} or {@code argn}
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
 * @param argn the autoregressive generator (encoding and network), or null
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
    Map<String, Object> timing,
    ArgnModel argn) {
  public ModelContents {
    Objects.requireNonNull(generator, "generator");
    Objects.requireNonNull(schema, "schema");
    summary = Objects.requireNonNullElse(summary, "");
    settings = Objects.requireNonNullElse(settings, Map.of());
    provenance = Objects.requireNonNullElse(provenance, Map.of());
    evaluation = Objects.requireNonNullElse(evaluation, Map.of());
    timing = Objects.requireNonNullElse(timing, Map.of());
    int generators = (gan == null ? 0 : 1) + (copulaState == null ? 0 : 1) + (argn == null ? 0 : 1);
    if (generators != 1) {
      throw new IllegalArgumentException(
          "A model has exactly one of a GAN network, a copula or an argn network");
    }
    if (gan != null && encoderState == null) {
      throw new IllegalArgumentException("A GAN model needs its encoder state");
    }
  }

  /** Contents of a GAN or copula model. */
  public ModelContents(
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
    this(
        generator,
        summary,
        schema,
        encoderState,
        gan,
        copulaState,
        settings,
        provenance,
        evaluation,
        timing,
        null);
  }
}

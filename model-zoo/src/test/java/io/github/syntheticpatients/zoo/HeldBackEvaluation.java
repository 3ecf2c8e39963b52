package io.github.syntheticpatients.zoo;

import io.github.syntheticpatients.runtime.GateResult;
import io.github.syntheticpatients.runtime.GenerateRequest;
import io.github.syntheticpatients.runtime.OutputFormat;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.eval.fidelity.IndependentColumns;
import io.github.syntheticpatients.runtime.eval.fidelity.IndependentVisits;
import io.github.syntheticpatients.runtime.eval.privacy.GateSettings;
import io.github.syntheticpatients.runtime.eval.report.EvaluationReport;
import io.github.syntheticpatients.runtime.evaluation.EvaluateRequest;
import io.github.syntheticpatients.runtime.evaluation.Evaluation;
import io.github.syntheticpatients.runtime.evaluation.EvaluationResult;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.io.csv.TimelineReader;
import io.github.syntheticpatients.runtime.sampling.Generation;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A zoo model scored on the part of its data it never saw, beside two references scored by the same
 * evaluation code against the same training part: fresh real patients (one half of the held-back
 * part as "synthetic", the other half as holdout: the ceiling at this size) and independent columns
 * (each column drawn on its own from the training part: the floor a generator must beat).
 *
 * @param model the model's evaluation: fidelity against the training part, utility tested on the
 *     held-back part, privacy with the held-back part as holdout
 * @param freshReal the same scores of fresh real patients
 * @param independent the same scores of independent columns (visits, for timelines)
 * @param gate the privacy gate's verdict on the model against the held-back part
 * @param detectable what the gate can detect at this size, in one sentence
 * @param synthetic records (patients) sampled from the model and from the independent baseline
 */
record HeldBackEvaluation(
    Map<String, Double> model,
    Map<String, Double> freshReal,
    Map<String, Double> independent,
    GateResult gate,
    String detectable,
    int synthetic) {

  /** The parts of a rebuild's data, as CSVs with the source's header. */
  record Parts(Path train, Path heldBack, Path freshSynthetic, Path freshHoldout) {}

  /**
   * Samples the model (as many records, or patients, as the training part has), evaluates it with
   * {@link Evaluation#evaluate} (reports into {@code reports}) and the two references in memory.
   */
  static HeldBackEvaluation run(
      Recipe recipe, Path schemaFile, Path modelFile, Parts parts, Path work, long seed) {
    TableSchema schema = TableSchema.of(Schemas.read(schemaFile)).withTarget(recipe.target());
    boolean longitudinal = schema.isLongitudinal();
    Timelines trainTimelines = null;
    Table trainTable = null;
    int size;
    if (longitudinal) {
      trainTimelines = TimelineReader.read(parts.train(), schema, CsvOptions.defaults());
      size = trainTimelines.patientCount();
    } else {
      trainTable = CsvTableReader.read(parts.train(), schema, null);
      size = trainTable.rowCount();
    }
    Path sample = work.resolve(recipe.id() + "-sample.csv");
    Generation.generate(
        new GenerateRequest(
            modelFile.toString(), size, seed, null, sample, OutputFormat.CSV, List.of(), 1, ""));
    EvaluationResult model =
        Evaluation.evaluate(
            new EvaluateRequest(
                sample,
                parts.train(),
                parts.heldBack(),
                schemaFile,
                work.resolve(recipe.id() + "-report"),
                recipe.target(),
                recipe.sensitive(),
                seed,
                Map.of()));
    EvaluationReport fresh;
    EvaluationReport independent;
    GateSettings gate = GateSettings.defaults();
    if (longitudinal) {
      Timelines heldBack = TimelineReader.read(parts.heldBack(), schema, CsvOptions.defaults());
      fresh =
          EvaluationReport.computeLongitudinal(
              trainTimelines,
              TimelineReader.read(parts.freshHoldout(), schema, CsvOptions.defaults()),
              TimelineReader.read(parts.freshSynthetic(), schema, CsvOptions.defaults()),
              recipe.target(),
              recipe.sensitive(),
              gate,
              seed);
      independent =
          EvaluationReport.computeLongitudinal(
              trainTimelines,
              heldBack,
              IndependentVisits.sample(trainTimelines, size, seed + 1),
              recipe.target(),
              recipe.sensitive(),
              gate,
              seed);
    } else {
      Table heldBack = CsvTableReader.read(parts.heldBack(), schema, null);
      fresh =
          EvaluationReport.compute(
              trainTable,
              CsvTableReader.read(parts.freshHoldout(), schema, null),
              CsvTableReader.read(parts.freshSynthetic(), schema, null),
              recipe.target(),
              recipe.sensitive(),
              gate,
              seed);
      independent =
          EvaluationReport.compute(
              trainTable,
              heldBack,
              IndependentColumns.sample(trainTable, size, seed + 1),
              recipe.target(),
              recipe.sensitive(),
              gate,
              seed);
    }
    return new HeldBackEvaluation(
        model.scores(),
        fresh.scores(),
        independent.scores(),
        model.gate(),
        model.gateSensitivity(),
        size);
  }
}

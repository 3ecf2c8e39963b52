package io.github.syntheticpatients.runtime.evaluation;

import io.github.syntheticpatients.runtime.GateResult;
import java.nio.file.Path;
import java.util.Map;

/**
 * The outcome of an evaluation.
 *
 * @param jsonReport the machine-readable report
 * @param htmlReport the self-contained HTML report
 * @param scores headline scores by name ({@code treeDetectionAuc}, {@code overall}, {@code
 *     columnShapes}, {@code columnPairTrends}, {@code detectionAuc}, {@code tstrRatio}, …; with a
 *     holdout, what the holdout itself scores beside them: {@code freshRealTreeDetectionAuc},
 *     {@code freshRealOverall}, …; read from files, {@code syntheticValuesOutsideDomain})
 * @param gate the privacy gate's verdict
 * @param gateSensitivity what the gate can detect at this data size, in one sentence (the report's
 *     "detectable" line): the smallest effects its calibrated checks would catch, and which checks
 *     were not run
 */
public record EvaluationResult(
    Path jsonReport,
    Path htmlReport,
    Map<String, Double> scores,
    GateResult gate,
    String gateSensitivity) {
  public EvaluationResult {
    scores = Map.copyOf(scores);
  }
}

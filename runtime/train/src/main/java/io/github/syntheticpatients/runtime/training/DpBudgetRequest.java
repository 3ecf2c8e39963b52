package io.github.syntheticpatients.runtime.training;

/**
 * A question for the DP-SGD budget planner ({@link PrivacyBudget#plan}), each value null when not
 * given. The sampling rate comes from {@code samplingRate} or from {@code batchSize / datasetSize};
 * the length of training from {@code epochs} or {@code steps}; and either {@code noiseMultiplier}
 * (the planner reports ε) or {@code epsilon} (it finds the noise multiplier that keeps ε within
 * it). {@code delta} defaults to min(1e-5, datasetSize^-1.1) when the dataset size is known.
 *
 * @param samplingRate the chance that a patient joins a batch (Poisson sampling), in (0, 1]
 * @param datasetSize the number of patients, each one record
 * @param batchSize the expected batch size
 * @param noiseMultiplier the noise's standard deviation over the clip norm, σ
 * @param epsilon the target ε
 * @param epochs passes over the data: steps = ⌈epochs / samplingRate⌉
 * @param steps noisy gradient steps
 * @param delta δ, below 1/datasetSize
 */
public record DpBudgetRequest(
    Double samplingRate,
    Long datasetSize,
    Integer batchSize,
    Double noiseMultiplier,
    Double epsilon,
    Double epochs,
    Long steps,
    Double delta) {}

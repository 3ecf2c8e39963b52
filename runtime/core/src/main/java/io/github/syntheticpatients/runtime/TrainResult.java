package io.github.syntheticpatients.runtime;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code io.github.syntheticpatients.runtime.training.Training#train} (runtime-train) did.
 *
 * @param output the model file
 * @param upToDate true when training was skipped because the model file already matched the request
 * @param modelSha256 sha256 of the model file
 * @param epochs epochs trained (0 when up to date)
 * @param rows training rows
 * @param duration wall time of training
 */
public record TrainResult(
    Path output, boolean upToDate, String modelSha256, int epochs, int rows, Duration duration) {}

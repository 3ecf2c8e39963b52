package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.InvalidInputException;
import java.util.Objects;

/**
 * Encoded patient timelines for {@link TimelineGanTrainer}: every patient's steps padded to {@code
 * maxSteps}, and the encoded static attributes the sequence is conditioned on. The arrays are not
 * copied; do not change them while a training runs. The constructor throws {@link
 * InvalidInputException} when sizes do not match, a length is out of range, a value is not finite
 * or the padding is not zero.
 *
 * @param steps {@code patients × maxSteps × stepWidth}, row-major; zero after each patient's length
 * @param lengths each patient's number of steps, {@code 1 … maxSteps}
 * @param statics {@code patients × staticWidth}, row-major (empty when {@code staticWidth} is 0)
 * @param maxSteps the padded sequence length
 * @param stepWidth width of one encoded step
 * @param staticWidth width of the encoded static attributes (0 for none)
 */
public record TimelineTrainingData(
    float[] steps, int[] lengths, float[] statics, int maxSteps, int stepWidth, int staticWidth) {

  public TimelineTrainingData {
    Objects.requireNonNull(steps, "steps");
    Objects.requireNonNull(lengths, "lengths");
    Objects.requireNonNull(statics, "statics");
    if (lengths.length < 1) {
      throw InvalidInputException.inParameter("lengths", "training needs at least one patient");
    }
    if (maxSteps < 1 || stepWidth < 1 || staticWidth < 0) {
      throw InvalidInputException.inParameter(
          "maxSteps",
          "maxSteps and stepWidth must be positive and staticWidth"
              + " 0 or more, got "
              + maxSteps
              + ", "
              + stepWidth
              + " and "
              + staticWidth);
    }
    int patients = lengths.length;
    if ((long) patients * maxSteps * stepWidth != steps.length) {
      throw InvalidInputException.inParameter(
          "steps",
          "expected "
              + patients
              + " x "
              + maxSteps
              + " x "
              + stepWidth
              + " encoded step values, got "
              + steps.length
              + "; pad every patient to maxSteps");
    }
    if ((long) patients * staticWidth != statics.length) {
      throw InvalidInputException.inParameter(
          "statics",
          "expected "
              + patients
              + " x "
              + staticWidth
              + " encoded static values, got "
              + statics.length);
    }
    for (int p = 0; p < patients; p++) {
      if (lengths[p] < 1 || lengths[p] > maxSteps) {
        throw InvalidInputException.inParameter(
            "lengths",
            "patient "
                + (p + 1)
                + " has length "
                + lengths[p]
                + "; lengths must be 1 to maxSteps "
                + maxSteps
                + " (truncate longer timelines)");
      }
      int base = p * maxSteps * stepWidth;
      int valid = lengths[p] * stepWidth;
      for (int i = 0; i < maxSteps * stepWidth; i++) {
        float v = steps[base + i];
        if (!Float.isFinite(v)) {
          throw InvalidInputException.inParameter(
              "steps",
              "patient "
                  + (p + 1)
                  + ", step "
                  + (i / stepWidth + 1)
                  + ", position "
                  + (i % stepWidth)
                  + " is "
                  + v
                  + "; the encoder must map missing values");
        }
        if (i >= valid && v != 0f) {
          throw InvalidInputException.inParameter(
              "steps",
              "patient "
                  + (p + 1)
                  + " has a non-zero value at padded"
                  + " step "
                  + (i / stepWidth + 1)
                  + " (length "
                  + lengths[p]
                  + "); pad with zeros");
        }
      }
    }
    for (int i = 0; i < statics.length; i++) {
      if (!Float.isFinite(statics[i])) {
        throw InvalidInputException.inParameter(
            "statics",
            "patient "
                + (i / staticWidth + 1)
                + ", static position "
                + (i % staticWidth)
                + " is "
                + statics[i]
                + "; the encoder must map missing values");
      }
    }
  }

  /** Number of patients. */
  public int patients() {
    return lengths.length;
  }
}

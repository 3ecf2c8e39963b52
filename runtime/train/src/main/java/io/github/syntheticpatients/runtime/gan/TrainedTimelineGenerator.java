package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.model.TimelineGenerator;
import java.util.Objects;

/**
 * A trained timeline generator, exported to plain Java, and its training curve.
 *
 * @param generator the generator; its raw outputs still need tanh (SCALAR) and a category draw
 *     (SOFTMAX)
 * @param generatorLosses mean generator loss of each epoch: −mean D(fake) plus the weighted
 *     correlation loss
 * @param criticLosses mean critic loss of each epoch: mean D(fake) − mean D(real), without the
 *     penalty
 * @param epochs epochs run
 */
public record TrainedTimelineGenerator(
    TimelineGenerator generator, double[] generatorLosses, double[] criticLosses, int epochs) {

  public TrainedTimelineGenerator {
    Objects.requireNonNull(generator, "generator");
    generatorLosses = generatorLosses.clone();
    criticLosses = criticLosses.clone();
  }

  @Override
  public double[] generatorLosses() {
    return generatorLosses.clone();
  }

  @Override
  public double[] criticLosses() {
    return criticLosses.clone();
  }
}

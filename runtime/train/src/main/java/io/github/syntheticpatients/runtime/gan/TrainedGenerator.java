package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.model.MlpNetwork;
import java.util.Objects;

/**
 * A trained generator, exported to plain Java. Its input is {@code [z (latentDim, N(0, 1)), cond
 * (condition.width())]}; its output is the raw encoded row (before tanh / softmax).
 *
 * @param kind the GAN that produced it
 * @param generator the generator network
 * @param latentDim width of the noise part of the input
 * @param condition the conditional part of the input
 * @param generatorLosses mean generator loss of each epoch run so far (CTGAN: −mean D(fake) plus
 *     the conditional cross-entropy; basic: −mean log D(fake))
 * @param discriminatorLosses mean discriminator loss of each epoch run so far (CTGAN: mean D(fake)
 *     − mean D(real), without the gradient penalty, as CTGAN logs it; basic: binary cross-entropy)
 * @param epochs epochs run
 */
public record TrainedGenerator(
    GanSettings.Kind kind,
    MlpNetwork generator,
    int latentDim,
    ConditionVector condition,
    double[] generatorLosses,
    double[] discriminatorLosses,
    int epochs) {

  public TrainedGenerator {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(generator, "generator");
    Objects.requireNonNull(condition, "condition");
    if (generator.inputWidth() != latentDim + condition.width()) {
      throw new IllegalArgumentException(
          "Generator input "
              + generator.inputWidth()
              + " is not latent "
              + latentDim
              + " + condition "
              + condition.width());
    }
    generatorLosses = generatorLosses.clone();
    discriminatorLosses = discriminatorLosses.clone();
  }

  @Override
  public double[] generatorLosses() {
    return generatorLosses.clone();
  }

  @Override
  public double[] discriminatorLosses() {
    return discriminatorLosses.clone();
  }
}

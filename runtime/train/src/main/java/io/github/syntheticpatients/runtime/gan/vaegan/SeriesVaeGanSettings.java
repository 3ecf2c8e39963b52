package io.github.syntheticpatients.runtime.gan.vaegan;

import java.util.List;

/**
 * The networks and optimisers of {@code dp-vaegan} on fixed-length series ({@link
 * DpSeriesVaeGanTrainer}). Here Conv1d pays off where it did not on table rows ({@link
 * VaeGanSettings}): neighbouring steps of a series share meaning, and one kernel serves every step.
 *
 * @param channels the conv layers' width (channels per step)
 * @param kernel the conv window, odd
 * @param convLayers conv layers in the encoder and in the decoder
 * @param latentDim the VAE's latent width
 * @param noiseDim the generator's noise width
 * @param generatorDims hidden widths of the generator, which maps noise to a latent point
 * @param staticDims hidden widths of the static head (latent point to patient row)
 * @param criticDims hidden widths of the critic over a whole flattened series and patient row
 * @param labelerDims hidden widths of the labeler (stage C) over the same flattened input
 * @param vaeLearningRate Adam's rate for the VAE
 * @param ganLearningRate Adam's rate for the generator and the critic (β 0.5, 0.9, as CTGAN)
 * @param gradientPenalty λ of the critic's penalty on generated series
 */
public record SeriesVaeGanSettings(
    int channels,
    int kernel,
    int convLayers,
    int latentDim,
    int noiseDim,
    List<Integer> generatorDims,
    List<Integer> staticDims,
    List<Integer> criticDims,
    List<Integer> labelerDims,
    double vaeLearningRate,
    double ganLearningRate,
    double gradientPenalty) {
  public SeriesVaeGanSettings {
    if (kernel < 1 || kernel % 2 == 0 || channels < 1 || convLayers < 1) {
      throw new IllegalArgumentException(
          "channels and convLayers must be 1 or more and the kernel odd; got "
              + channels
              + ", "
              + convLayers
              + ", "
              + kernel);
    }
    generatorDims = List.copyOf(generatorDims);
    staticDims = List.copyOf(staticDims);
    criticDims = List.copyOf(criticDims);
    labelerDims = List.copyOf(labelerDims);
  }

  /** Small networks for a few hundred patients of up to a few dozen steps. */
  public static SeriesVaeGanSettings defaults() {
    return new SeriesVaeGanSettings(
        32,
        3,
        2,
        16,
        16,
        List.of(64, 64),
        List.of(64),
        List.of(128, 128),
        List.of(64),
        1e-3,
        2e-4,
        10);
  }
}

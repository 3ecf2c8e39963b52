package io.github.syntheticpatients.runtime.gan.vaegan;

import java.util.List;

/**
 * The networks and optimisers of {@code dp-vaegan}. Linear layers throughout, not the paper's
 * Conv1d: an encoded table row has no order along which neighbouring positions share meaning (the
 * columns' order is the CSV's), so a convolution's locality buys nothing there; on fixed-length
 * time series it pays off, and {@link SeriesVaeGanSettings} uses it.
 *
 * @param vaeDims hidden widths of the VAE's encoder and (reversed) decoder
 * @param latentDim the VAE's latent width
 * @param noiseDim the generator's noise width
 * @param generatorDims hidden widths of the generator, which maps noise to a latent point
 * @param criticDims hidden widths of the critic
 * @param labelerDims hidden widths of the labeler
 * @param vaeLearningRate Adam's rate for the VAE and the labeler
 * @param ganLearningRate Adam's rate for the generator and the critic (β 0.5, 0.9, as CTGAN)
 * @param gradientPenalty λ of the critic's penalty on generated rows
 */
public record VaeGanSettings(
    List<Integer> vaeDims,
    int latentDim,
    int noiseDim,
    List<Integer> generatorDims,
    List<Integer> criticDims,
    List<Integer> labelerDims,
    double vaeLearningRate,
    double ganLearningRate,
    double gradientPenalty) {
  public VaeGanSettings {
    vaeDims = List.copyOf(vaeDims);
    generatorDims = List.copyOf(generatorDims);
    criticDims = List.copyOf(criticDims);
    labelerDims = List.copyOf(labelerDims);
  }

  /** Small networks for tables of a few thousand rows. */
  public static VaeGanSettings defaults() {
    return new VaeGanSettings(
        List.of(128, 128), 16, 16, List.of(64, 64), List.of(128, 128), List.of(64), 1e-3, 2e-4, 10);
  }
}

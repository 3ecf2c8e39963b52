package io.github.syntheticpatients.runtime.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code dp-vaegan}'s generator and decoder for fixed-length series, in plain Java: noise → the
 * generator (an MLP) → a point of the VAE's latent space; from it the static head (an MLP) gives
 * the raw patient row, and the series head gives the raw step rows: a linear layer to {@code steps
 * × channels}, then Conv1d layers over time (kernel {@code kernel}, stride 1, zero padding that
 * keeps the length). A conv layer is a {@link DenseLayer} applied at every position to the window
 * {@code [h(t − kernel/2), …, h(t + kernel/2)]} of channel vectors laid end to end (zeros past
 * either end), so {@link MlpNetwork} runs it and the training side computes the same function by
 * the same unfolding. Immutable and thread-safe.
 */
public final class SeriesDecoder {
  private final MlpNetwork generator;
  private final int noiseDim;
  private final MlpNetwork statics;
  private final MlpNetwork seriesIn;
  private final List<DenseLayer> convLayers;
  private final List<MlpNetwork> convs;
  private final int steps;
  private final int kernel;

  /**
   * @param generator noise ({@code noiseDim}) to a latent point
   * @param noiseDim the generator's input width
   * @param statics latent point to the raw patient row
   * @param seriesIn latent point to {@code steps × channels} (position-major)
   * @param convs the Conv1d layers, each {@code kernel × in} inputs (window-major) to its outputs;
   *     the last one's outputs are the raw step row
   * @param steps the series length
   * @param kernel the convolutions' window, odd
   */
  public SeriesDecoder(
      MlpNetwork generator,
      int noiseDim,
      MlpNetwork statics,
      MlpNetwork seriesIn,
      List<DenseLayer> convs,
      int steps,
      int kernel) {
    this.generator = Objects.requireNonNull(generator, "generator");
    this.statics = Objects.requireNonNull(statics, "statics");
    this.seriesIn = Objects.requireNonNull(seriesIn, "seriesIn");
    this.convLayers = List.copyOf(convs);
    if (steps < 1 || kernel < 1 || kernel % 2 == 0 || convLayers.isEmpty()) {
      throw new IllegalArgumentException(
          "A series decoder needs steps ≥ 1, an odd kernel and at least one conv layer; got steps "
              + steps
              + ", kernel "
              + kernel
              + ", "
              + convLayers.size()
              + " conv layers");
    }
    if (generator.inputWidth() != noiseDim
        || generator.outputWidth() != statics.inputWidth()
        || generator.outputWidth() != seriesIn.inputWidth()
        || seriesIn.outputWidth() % steps != 0) {
      throw new IllegalArgumentException(
          "The series decoder's widths do not fit: noise "
              + noiseDim
              + ", generator "
              + generator.inputWidth()
              + "→"
              + generator.outputWidth()
              + ", static head from "
              + statics.inputWidth()
              + ", series head "
              + seriesIn.inputWidth()
              + "→"
              + seriesIn.outputWidth()
              + " over "
              + steps
              + " steps");
    }
    int channels = seriesIn.outputWidth() / steps;
    List<MlpNetwork> networks = new ArrayList<>();
    for (DenseLayer layer : convLayers) {
      if (layer.in() != kernel * channels || layer.concatInput() || layer.layerNorm()) {
        throw new IllegalArgumentException(
            "A conv layer reads "
                + kernel
                + " × "
                + channels
                + " = "
                + kernel * channels
                + " inputs without layer norm or concatenation; one has "
                + layer.in());
      }
      networks.add(new MlpNetwork(List.of(layer)));
      channels = layer.out();
    }
    this.noiseDim = noiseDim;
    this.convs = List.copyOf(networks);
    this.steps = steps;
    this.kernel = kernel;
  }

  /** The raw outputs of a batch: patient rows and step rows. */
  public record Output(float[] statics, float[] steps) {}

  /**
   * Runs the chain on {@code rows × noiseDim()} noise.
   *
   * @return {@code rows × staticWidth()} raw patient values and {@code rows × steps() ×
   *     stepWidth()} raw step values, row-major
   */
  public Output forward(float[] noise, int rows) {
    float[] latent = generator.forward(noise, rows);
    float[] patient = statics.forward(latent, rows);
    float[] h = seriesIn.forward(latent, rows);
    int channels = seriesIn.outputWidth() / steps;
    for (MlpNetwork conv : convs) {
      h = conv.forward(unfold(h, rows, steps, channels, kernel), rows * steps);
      channels = conv.outputWidth();
    }
    return new Output(patient, h);
  }

  /**
   * Each position's window of {@code kernel} channel vectors, laid end to end: {@code rows × steps
   * × channels} to {@code (rows · steps) × (kernel · channels)}, zeros past the series' ends.
   */
  public static float[] unfold(float[] h, int rows, int steps, int channels, int kernel) {
    float[] out = new float[Math.multiplyExact(rows * steps, kernel * channels)];
    int half = kernel / 2;
    for (int r = 0; r < rows; r++) {
      for (int t = 0; t < steps; t++) {
        for (int j = 0; j < kernel; j++) {
          int s = t + j - half;
          if (s >= 0 && s < steps) {
            System.arraycopy(
                h,
                (r * steps + s) * channels,
                out,
                ((r * steps + t) * kernel + j) * channels,
                channels);
          }
        }
      }
    }
    return out;
  }

  public MlpNetwork generator() {
    return generator;
  }

  public int noiseDim() {
    return noiseDim;
  }

  public MlpNetwork statics() {
    return statics;
  }

  public MlpNetwork seriesIn() {
    return seriesIn;
  }

  public List<DenseLayer> convs() {
    return convLayers;
  }

  public int steps() {
    return steps;
  }

  public int kernel() {
    return kernel;
  }

  /** The width of a raw patient row. */
  public int staticWidth() {
    return statics.outputWidth();
  }

  /** The width of a raw step row. */
  public int stepWidth() {
    return convLayers.get(convLayers.size() - 1).out();
  }
}

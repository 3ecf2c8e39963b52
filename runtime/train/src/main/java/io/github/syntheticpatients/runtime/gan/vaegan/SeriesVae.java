package io.github.syntheticpatients.runtime.gan.vaegan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.github.syntheticpatients.runtime.model.DenseLayer;
import io.github.syntheticpatients.runtime.model.MlpNetwork;
import io.github.syntheticpatients.runtime.model.SeriesDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * The VAE of stage A over fixed-length series. Encoder: each step's values with the patient row
 * repeated beside them ({@code steps × (stepWidth + staticWidth)} channels), Conv1d layers over
 * time, the flattened result through a linear layer to μ and log σ². Decoder: the latent point
 * through the static head to the raw patient row, and through a linear layer to {@code steps ×
 * channels}, then Conv1d layers, the last to the raw step row. Every record's output depends on
 * that record alone (no batch norm), so {@link SeriesClipping} can probe every layer.
 */
final class SeriesVae {
  private final int steps;
  private final int channels;
  private final int latent;
  private final List<SeriesLayer> encoderConvs = new ArrayList<>();
  private final SeriesLayer encoderOut;
  private final List<SeriesLayer> staticHead = new ArrayList<>();
  private final SeriesLayer seriesIn;
  private final List<SeriesLayer> decoderConvs = new ArrayList<>();

  SeriesVae(
      NDManager manager, int steps, int stepWidth, int staticWidth, SeriesVaeGanSettings settings) {
    this.steps = steps;
    this.channels = settings.channels();
    this.latent = settings.latentDim();
    int kernel = settings.kernel();
    int width = stepWidth + staticWidth;
    for (int l = 0; l < settings.convLayers(); l++) {
      encoderConvs.add(new SeriesLayer(manager, width, channels, kernel, true));
      width = channels;
    }
    encoderOut = new SeriesLayer(manager, steps * channels, 2 * latent, 0, false);
    int in = latent;
    for (int dim : settings.staticDims()) {
      staticHead.add(new SeriesLayer(manager, in, dim, 0, true));
      in = dim;
    }
    staticHead.add(new SeriesLayer(manager, in, staticWidth, 0, false));
    seriesIn = new SeriesLayer(manager, latent, steps * channels, 0, true);
    for (int l = 0; l < settings.convLayers(); l++) {
      boolean last = l == settings.convLayers() - 1;
      decoderConvs.add(
          new SeriesLayer(manager, channels, last ? stepWidth : channels, kernel, !last));
    }
  }

  /** Every parameter, in the order {@link #encode} and then {@link #decode} probe them. */
  List<NDArray> parameters() {
    List<NDArray> list = new ArrayList<>();
    for (SeriesLayer layer : encoderConvs) {
      list.addAll(layer.parameters());
    }
    list.addAll(encoderOut.parameters());
    for (SeriesLayer layer : staticHead) {
      list.addAll(layer.parameters());
    }
    list.addAll(seriesIn.parameters());
    for (SeriesLayer layer : decoderConvs) {
      list.addAll(layer.parameters());
    }
    return list;
  }

  int latent() {
    return latent;
  }

  /**
   * μ and log σ² ({@code rows × 2·latent}) of {@code series} ({@code rows × steps × stepWidth})
   * with {@code statics} ({@code rows × staticWidth}) beside every step.
   */
  NDArray encode(NDArray series, NDArray statics, SeriesClipping probes) {
    long rows = series.getShape().get(0);
    NDArray context =
        statics.expandDims(1).broadcast(new Shape(rows, steps, statics.getShape().get(1)));
    NDArray h = NDArrays.concat(new NDList(series, context), 2);
    for (SeriesLayer layer : encoderConvs) {
      h = layer.forward(h, probes);
    }
    return encoderOut.forward(h.reshape(rows, (long) steps * channels), probes);
  }

  /** The raw patient rows ({@code rows × staticWidth}) and steps ({@code rows × steps × width}). */
  NDList decode(NDArray z, SeriesClipping probes) {
    long rows = z.getShape().get(0);
    NDArray s = z;
    for (SeriesLayer layer : staticHead) {
      s = layer.forward(s, probes);
    }
    NDArray h = seriesIn.forward(z, probes).reshape(rows, steps, channels);
    for (SeriesLayer layer : decoderConvs) {
      h = layer.forward(h, probes);
    }
    return new NDList(s, h);
  }

  /** The generator's layers followed by this decoder, in plain Java. */
  SeriesDecoder export(List<DenseLayer> generator, int noiseDim, int kernel) {
    List<DenseLayer> statics = new ArrayList<>();
    for (SeriesLayer layer : staticHead) {
      statics.add(layer.export());
    }
    List<DenseLayer> convs = new ArrayList<>();
    for (SeriesLayer layer : decoderConvs) {
      convs.add(layer.export());
    }
    return new SeriesDecoder(
        new MlpNetwork(generator),
        noiseDim,
        new MlpNetwork(statics),
        new MlpNetwork(List.of(seriesIn.export())),
        convs,
        steps,
        kernel);
  }
}

package io.github.syntheticpatients.runtime.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code seriesVaegan} block of a longitudinal {@code dp-vaegan} model file and its tensors in
 * {@code weights.bin}: the generator, the static head and the series head, each described as {@link
 * NetworkJson} describes an MLP ({@code layers}), with tensors under the prefixes {@code
 * generator.}, {@code statics.} and {@code seriesIn.}; then {@code convs}, one one-layer entry per
 * Conv1d layer, tensors under {@code conv<i>.} ({@code conv<i>.layer0.weight} is {@code [kernel ×
 * in, out]}, window-major); and, when stage C was trained, {@code labeler}: the target column and
 * the labeler's MLP ({@code column}, {@code layers}), tensors under {@code labeler.}.
 */
final class SeriesVaeGanFiles {
  /** The block's key in {@code model.json}. */
  static final String BLOCK = "seriesVaegan";

  private static final String TYPE = "conv1d";
  private static final String[] PARTS = {"generator", "statics", "seriesIn"};
  private static final String LABELER = "labeler";

  private SeriesVaeGanFiles() {}

  static Map<String, Object> describe(SeriesDecoder decoder, GanGenerator.Labeler labeler) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("type", TYPE);
    block.put("noiseDim", decoder.noiseDim());
    block.put("steps", decoder.steps());
    block.put("kernel", decoder.kernel());
    MlpNetwork[] networks = networks(decoder);
    for (int i = 0; i < PARTS.length; i++) {
      block.put(PARTS[i], Map.of("layers", NetworkJson.layers(networks[i])));
    }
    List<Object> convs = new ArrayList<>();
    for (DenseLayer layer : decoder.convs()) {
      convs.add(Map.of("layers", NetworkJson.layers(new MlpNetwork(List.of(layer)))));
    }
    block.put("convs", convs);
    if (labeler != null) {
      Map<String, Object> described = new LinkedHashMap<>();
      described.put("column", labeler.column());
      described.put("layers", NetworkJson.layers(labeler.network()));
      block.put(LABELER, described);
    }
    return block;
  }

  static Map<String, WeightsFile.Tensor> tensors(
      SeriesDecoder decoder, GanGenerator.Labeler labeler) {
    Map<String, WeightsFile.Tensor> tensors = new LinkedHashMap<>();
    MlpNetwork[] networks = networks(decoder);
    for (int i = 0; i < PARTS.length; i++) {
      String prefix = PARTS[i] + ".";
      NetworkJson.tensors(networks[i]).forEach((name, t) -> tensors.put(prefix + name, t));
    }
    List<DenseLayer> convs = decoder.convs();
    for (int c = 0; c < convs.size(); c++) {
      String prefix = "conv" + c + ".";
      NetworkJson.tensors(new MlpNetwork(List.of(convs.get(c))))
          .forEach((name, t) -> tensors.put(prefix + name, t));
    }
    if (labeler != null) {
      NetworkJson.tensors(labeler.network())
          .forEach((name, t) -> tensors.put(LABELER + "." + name, t));
    }
    return tensors;
  }

  /** The labeler of stage C, or null when the block has none. */
  @SuppressWarnings("unchecked")
  static GanGenerator.Labeler readLabeler(
      Map<String, Object> block, Map<String, WeightsFile.Tensor> tensors) {
    if (!(block.get(LABELER) instanceof Map<?, ?> described)) {
      return null;
    }
    if (!(described.get("column") instanceof String column)) {
      throw new IllegalArgumentException("the series network's labeler names no column");
    }
    return new GanGenerator.Labeler(
        column, NetworkJson.readLayers((Map<String, Object>) described, tensors, LABELER + "."));
  }

  @SuppressWarnings("unchecked")
  static SeriesDecoder read(Map<String, Object> block, Map<String, WeightsFile.Tensor> tensors) {
    if (!TYPE.equals(block.get("type"))) {
      throw new IllegalArgumentException("unknown series network type " + block.get("type"));
    }
    MlpNetwork[] networks = new MlpNetwork[PARTS.length];
    for (int i = 0; i < PARTS.length; i++) {
      if (!(block.get(PARTS[i]) instanceof Map<?, ?> part)) {
        throw new IllegalArgumentException("the series network has no " + PARTS[i]);
      }
      networks[i] = NetworkJson.readLayers((Map<String, Object>) part, tensors, PARTS[i] + ".");
    }
    List<DenseLayer> convs = new ArrayList<>();
    List<Object> described = ModelFile.list(block, "convs");
    for (int c = 0; c < described.size(); c++) {
      convs.addAll(
          NetworkJson.readLayers((Map<String, Object>) described.get(c), tensors, "conv" + c + ".")
              .layers());
    }
    return new SeriesDecoder(
        networks[0],
        ((Number) block.get("noiseDim")).intValue(),
        networks[1],
        networks[2],
        convs,
        ((Number) block.get("steps")).intValue(),
        ((Number) block.get("kernel")).intValue());
  }

  private static MlpNetwork[] networks(SeriesDecoder decoder) {
    return new MlpNetwork[] {decoder.generator(), decoder.statics(), decoder.seriesIn()};
  }
}

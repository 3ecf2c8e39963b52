package io.github.syntheticpatients.runtime.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The network part of {@code model.json}: the architecture as plain data, the weights named after
 * their layer ({@code layer0.weight} [in, out], {@code layer0.bias} [out], {@code layer0.gamma},
 * {@code layer0.beta}).
 */
final class NetworkJson {
  /** The prefix of the labeler's tensors in {@code weights.bin}. */
  static final String LABELER = "labeler.";

  private NetworkJson() {}

  static List<Object> layers(MlpNetwork network) {
    List<Object> layers = new ArrayList<>();
    for (DenseLayer layer : network.layers()) {
      Map<String, Object> description = new LinkedHashMap<>();
      description.put("in", layer.in());
      description.put("out", layer.out());
      description.put("layerNorm", layer.layerNorm());
      description.put("activation", layer.activation().name().toLowerCase(Locale.ROOT));
      description.put("concatInput", layer.concatInput());
      layers.add(description);
    }
    return layers;
  }

  static Map<String, Object> describe(GanGenerator gan) {
    List<Object> layers = layers(gan.network());
    List<Object> blocks = new ArrayList<>();
    for (GanGenerator.ConditionBlock block : gan.conditionBlocks()) {
      Map<String, Object> description = new LinkedHashMap<>();
      description.put("column", block.column());
      description.put("layoutOffset", block.layoutOffset());
      description.put("conditionOffset", block.conditionOffset());
      description.put("width", block.width());
      List<Object> frequencies = new ArrayList<>();
      for (double f : block.frequencies()) {
        frequencies.add(f);
      }
      description.put("frequencies", frequencies);
      blocks.add(description);
    }
    Map<String, Object> network = new LinkedHashMap<>();
    network.put("type", "mlp");
    network.put("latentDim", gan.latentDim());
    network.put("layers", layers);
    network.put("conditionBlocks", blocks);
    if (gan.labeler() != null) {
      Map<String, Object> labeler = new LinkedHashMap<>();
      labeler.put("column", gan.labeler().column());
      labeler.put("layers", layers(gan.labeler().network()));
      network.put("labeler", labeler);
    }
    return network;
  }

  /** Every tensor of {@code gan}: the generator's, then the labeler's under {@value #LABELER}. */
  static Map<String, WeightsFile.Tensor> tensors(GanGenerator gan) {
    Map<String, WeightsFile.Tensor> tensors = tensors(gan.network());
    if (gan.labeler() != null) {
      tensors(gan.labeler().network())
          .forEach((name, tensor) -> tensors.put(LABELER + name, tensor));
    }
    return tensors;
  }

  static Map<String, WeightsFile.Tensor> tensors(MlpNetwork network) {
    Map<String, WeightsFile.Tensor> tensors = new LinkedHashMap<>();
    List<DenseLayer> layers = network.layers();
    for (int i = 0; i < layers.size(); i++) {
      DenseLayer layer = layers.get(i);
      tensors.put(
          "layer" + i + ".weight",
          new WeightsFile.Tensor(new int[] {layer.in(), layer.out()}, layer.weight()));
      tensors.put(
          "layer" + i + ".bias", new WeightsFile.Tensor(new int[] {layer.out()}, layer.bias()));
      if (layer.layerNorm()) {
        tensors.put(
            "layer" + i + ".gamma", new WeightsFile.Tensor(new int[] {layer.out()}, layer.gamma()));
        tensors.put(
            "layer" + i + ".beta", new WeightsFile.Tensor(new int[] {layer.out()}, layer.beta()));
      }
    }
    return tensors;
  }

  @SuppressWarnings("unchecked")
  static GanGenerator read(Map<String, Object> network, Map<String, WeightsFile.Tensor> tensors) {
    if (!"mlp".equals(network.get("type"))) {
      throw new IllegalArgumentException("unknown network type " + network.get("type"));
    }
    GanGenerator.Labeler labeler = null;
    if (network.get("labeler") instanceof Map<?, ?> description) {
      Map<String, Object> map = (Map<String, Object>) description;
      labeler =
          new GanGenerator.Labeler(
              String.valueOf(map.get("column")), readLayers(map, tensors, LABELER));
    }
    MlpNetwork generator = readLayers(network, tensors, "");
    List<GanGenerator.ConditionBlock> blocks = new ArrayList<>();
    for (Object item : ModelFile.list(network, "conditionBlocks")) {
      Map<String, Object> b = (Map<String, Object>) item;
      List<Object> frequencies = (List<Object>) b.get("frequencies");
      double[] values = new double[frequencies.size()];
      for (int k = 0; k < values.length; k++) {
        values[k] = ((Number) frequencies.get(k)).doubleValue();
      }
      blocks.add(
          new GanGenerator.ConditionBlock(
              String.valueOf(b.get("column")),
              ((Number) b.get("layoutOffset")).intValue(),
              ((Number) b.get("conditionOffset")).intValue(),
              ((Number) b.get("width")).intValue(),
              values));
    }
    return new GanGenerator(
        generator, ((Number) network.get("latentDim")).intValue(), blocks, labeler);
  }

  @SuppressWarnings("unchecked")
  static MlpNetwork readLayers(
      Map<String, Object> network, Map<String, WeightsFile.Tensor> tensors, String prefix) {
    List<DenseLayer> layers = new ArrayList<>();
    List<Object> descriptions = ModelFile.list(network, "layers");
    for (int i = 0; i < descriptions.size(); i++) {
      Map<String, Object> d = (Map<String, Object>) descriptions.get(i);
      int in = ((Number) d.get("in")).intValue();
      int out = ((Number) d.get("out")).intValue();
      boolean layerNorm = Boolean.TRUE.equals(d.get("layerNorm"));
      DenseLayer.Activation activation =
          DenseLayer.Activation.valueOf(
              String.valueOf(d.get("activation")).toUpperCase(Locale.ROOT));
      layers.add(
          new DenseLayer(
              in,
              out,
              tensor(tensors, prefix + "layer" + i + ".weight"),
              tensor(tensors, prefix + "layer" + i + ".bias"),
              layerNorm,
              layerNorm ? tensor(tensors, prefix + "layer" + i + ".gamma") : null,
              layerNorm ? tensor(tensors, prefix + "layer" + i + ".beta") : null,
              activation,
              Boolean.TRUE.equals(d.get("concatInput"))));
    }
    return new MlpNetwork(layers);
  }

  private static float[] tensor(Map<String, WeightsFile.Tensor> tensors, String name) {
    WeightsFile.Tensor tensor = tensors.get(name);
    if (tensor == null) {
      throw new IllegalArgumentException("weights.bin has no tensor " + name);
    }
    return tensor.values();
  }
}

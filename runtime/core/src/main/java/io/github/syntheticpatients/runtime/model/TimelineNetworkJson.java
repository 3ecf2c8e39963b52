package io.github.syntheticpatients.runtime.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The network part of {@code model.json} for a {@link TimelineGenerator} (type {@code "bilstm"})
 * and its tensors: {@code forward.inputWeight} [in, 4·hidden], {@code forward.recurrentWeight}
 * [hidden, 4·hidden], {@code forward.bias} [4·hidden], the same for {@code backward}, and the
 * head's {@code head0.weight} [in, out], {@code head0.bias} [out] … as in {@link NetworkJson}.
 */
final class TimelineNetworkJson {
  static final String TYPE = "bilstm";
  private static final String[] LSTMS = {"forward", "backward"};

  private TimelineNetworkJson() {}

  static Map<String, Object> describe(TimelineGenerator generator) {
    List<Object> layers = new ArrayList<>();
    for (String name : LSTMS) {
      LstmLayer lstm = lstm(generator, name);
      Map<String, Object> description = new LinkedHashMap<>();
      description.put("name", name);
      description.put("kind", "lstm");
      description.put("in", lstm.in());
      description.put("hidden", lstm.hidden());
      layers.add(description);
    }
    List<DenseLayer> head = generator.head().layers();
    for (int i = 0; i < head.size(); i++) {
      DenseLayer layer = head.get(i);
      Map<String, Object> description = new LinkedHashMap<>();
      description.put("name", "head" + i);
      description.put("kind", "dense");
      description.put("in", layer.in());
      description.put("out", layer.out());
      description.put("layerNorm", layer.layerNorm());
      description.put("activation", layer.activation().name().toLowerCase(Locale.ROOT));
      description.put("concatInput", layer.concatInput());
      layers.add(description);
    }
    Map<String, Object> network = new LinkedHashMap<>();
    network.put("type", TYPE);
    network.put("latentDim", generator.latentDim());
    network.put("staticWidth", generator.staticWidth());
    network.put("stepWidth", generator.stepWidth());
    network.put("layers", layers);
    return network;
  }

  static Map<String, WeightsFile.Tensor> tensors(TimelineGenerator generator) {
    Map<String, WeightsFile.Tensor> tensors = new LinkedHashMap<>();
    for (String name : LSTMS) {
      LstmLayer lstm = lstm(generator, name);
      int gates = 4 * lstm.hidden();
      tensors.put(
          name + ".inputWeight",
          new WeightsFile.Tensor(new int[] {lstm.in(), gates}, lstm.inputWeight()));
      tensors.put(
          name + ".recurrentWeight",
          new WeightsFile.Tensor(new int[] {lstm.hidden(), gates}, lstm.recurrentWeight()));
      tensors.put(name + ".bias", new WeightsFile.Tensor(new int[] {gates}, lstm.bias()));
    }
    List<DenseLayer> head = generator.head().layers();
    for (int i = 0; i < head.size(); i++) {
      DenseLayer layer = head.get(i);
      String name = "head" + i;
      tensors.put(
          name + ".weight",
          new WeightsFile.Tensor(new int[] {layer.in(), layer.out()}, layer.weight()));
      tensors.put(name + ".bias", new WeightsFile.Tensor(new int[] {layer.out()}, layer.bias()));
      if (layer.layerNorm()) {
        tensors.put(
            name + ".gamma", new WeightsFile.Tensor(new int[] {layer.out()}, layer.gamma()));
        tensors.put(name + ".beta", new WeightsFile.Tensor(new int[] {layer.out()}, layer.beta()));
      }
    }
    return tensors;
  }

  /**
   * Rebuilds a generator from {@link #describe} and {@link #tensors}.
   *
   * @throws IllegalArgumentException when the description is not a bilstm network or a tensor is
   *     missing or has the wrong shape
   */
  static TimelineGenerator read(
      Map<String, Object> network, Map<String, WeightsFile.Tensor> tensors) {
    if (!TYPE.equals(network.get("type"))) {
      throw new IllegalArgumentException(
          "network type is " + network.get("type") + ", expected " + TYPE);
    }
    int latentDim = integer(network, "latentDim");
    int staticWidth = integer(network, "staticWidth");
    Object layerList = network.get("layers");
    if (!(layerList instanceof List<?> descriptions) || descriptions.size() < LSTMS.length + 1) {
      throw new IllegalArgumentException(
          "a bilstm network needs a \"layers\" list with two LSTMs and a head");
    }
    LstmLayer[] lstms = new LstmLayer[LSTMS.length];
    for (int k = 0; k < LSTMS.length; k++) {
      Map<String, Object> d = layer(descriptions.get(k), k);
      String name = LSTMS[k];
      if (!name.equals(d.get("name")) || !"lstm".equals(d.get("kind"))) {
        throw new IllegalArgumentException(
            "layer " + k + " must be the lstm \"" + name + "\", found " + d);
      }
      int in = integer(d, "in");
      int hidden = integer(d, "hidden");
      lstms[k] =
          new LstmLayer(
              in,
              hidden,
              tensor(tensors, name + ".inputWeight", in, 4 * hidden),
              tensor(tensors, name + ".recurrentWeight", hidden, 4 * hidden),
              tensor(tensors, name + ".bias", 4 * hidden));
    }
    List<DenseLayer> head = new ArrayList<>();
    for (int k = LSTMS.length; k < descriptions.size(); k++) {
      Map<String, Object> d = layer(descriptions.get(k), k);
      String name = "head" + (k - LSTMS.length);
      if (!name.equals(d.get("name")) || !"dense".equals(d.get("kind"))) {
        throw new IllegalArgumentException(
            "layer " + k + " must be the dense layer \"" + name + "\", found " + d);
      }
      int in = integer(d, "in");
      int out = integer(d, "out");
      boolean layerNorm = Boolean.TRUE.equals(d.get("layerNorm"));
      DenseLayer.Activation activation;
      try {
        activation =
            DenseLayer.Activation.valueOf(
                String.valueOf(d.get("activation")).toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "layer " + name + " has unknown activation " + d.get("activation"), e);
      }
      head.add(
          new DenseLayer(
              in,
              out,
              tensor(tensors, name + ".weight", in, out),
              tensor(tensors, name + ".bias", out),
              layerNorm,
              layerNorm ? tensor(tensors, name + ".gamma", out) : null,
              layerNorm ? tensor(tensors, name + ".beta", out) : null,
              activation,
              Boolean.TRUE.equals(d.get("concatInput"))));
    }
    TimelineGenerator generator =
        new TimelineGenerator(lstms[0], lstms[1], new MlpNetwork(head), latentDim, staticWidth);
    if (network.get("stepWidth") instanceof Number width
        && width.intValue() != generator.stepWidth()) {
      throw new IllegalArgumentException(
          "stepWidth is " + width + " but the head writes " + generator.stepWidth());
    }
    return generator;
  }

  private static LstmLayer lstm(TimelineGenerator generator, String name) {
    return name.equals("forward") ? generator.forwardLstm() : generator.backwardLstm();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> layer(Object description, int index) {
    if (!(description instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("layer " + index + " is not an object");
    }
    return (Map<String, Object>) description;
  }

  private static int integer(Map<String, Object> map, String key) {
    if (!(map.get(key) instanceof Number number) || number.doubleValue() != number.intValue()) {
      throw new IllegalArgumentException(
          "\"" + key + "\" must be an integer, found " + map.get(key));
    }
    return number.intValue();
  }

  private static float[] tensor(
      Map<String, WeightsFile.Tensor> tensors, String name, int... shape) {
    WeightsFile.Tensor tensor = tensors.get(name);
    if (tensor == null) {
      throw new IllegalArgumentException("weights.bin has no tensor " + name);
    }
    if (!Arrays.equals(tensor.shape(), shape)) {
      throw new IllegalArgumentException(
          "weights.bin tensor "
              + name
              + " has shape "
              + Arrays.toString(tensor.shape())
              + ", but the network description needs "
              + Arrays.toString(shape));
    }
    return tensor.values();
  }
}

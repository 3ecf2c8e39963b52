package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.model.argn.ArgnModel;
import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code argn} part of {@code model.json} (the encoding's state and the network's architecture)
 * and its tensors in {@code weights.bin}.
 */
final class ArgnFiles {
  private ArgnFiles() {}

  static Map<String, Object> describe(ArgnModel model) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("encoding", model.encoding().state());
    block.put("network", model.network().describe());
    return block;
  }

  static Map<String, WeightsFile.Tensor> tensors(ArgnModel model) {
    Map<String, int[]> shapes = model.network().shapes();
    Map<String, WeightsFile.Tensor> tensors = new LinkedHashMap<>();
    model
        .network()
        .tensors()
        .forEach(
            (name, values) -> tensors.put(name, new WeightsFile.Tensor(shapes.get(name), values)));
    return tensors;
  }

  static ArgnModel read(
      TableSchema schema, Map<String, Object> block, Map<String, WeightsFile.Tensor> tensors) {
    ArgnEncoding encoding =
        ArgnEncoding.fromState(schema, ModelFile.map(block, "encoding", "argn"));
    Map<String, Object> description = ModelFile.map(block, "network", "argn");
    Map<String, float[]> values = new LinkedHashMap<>();
    tensors.forEach((name, tensor) -> values.put(name, tensor.values()));
    ArgnNetwork network = ArgnNetwork.read(description, values);
    Map<String, int[]> shapes = network.shapes();
    shapes.forEach(
        (name, shape) -> {
          if (!Arrays.equals(shape, tensors.get(name).shape())) {
            throw new IllegalArgumentException(
                "weights.bin tensor "
                    + name
                    + " has shape "
                    + Arrays.toString(tensors.get(name).shape()));
          }
        });
    return new ArgnModel(encoding, network);
  }
}

package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.model.argn.ArgnModel;
import io.github.syntheticpatients.runtime.model.argn.ArgnNetwork;
import io.github.syntheticpatients.runtime.model.argn.timeline.TimelineArgn;
import io.github.syntheticpatients.runtime.model.argn.timeline.VisitLayout;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code argnTimeline} part of a longitudinal {@code model.json} and its tensors in {@code
 * weights.bin}: the static chain's tensors prefixed {@code static.}, the visit chain's {@code
 * visit.}, the history's {@code history.*}, and the context's {@code context.projection} and {@code
 * context.projectedWeight} (files written before the projection was stored have one {@code
 * context.weight} instead, the two multiplied).
 */
final class ArgnTimelineFiles {
  static final String BLOCK = "argnTimeline";

  private static final String STATIC = "static.";
  private static final String VISIT = "visit.";

  private ArgnTimelineFiles() {}

  static Map<String, Object> describe(TimelineArgn model) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("gapColumn", model.layout().gapColumn());
    block.put("maxVisits", model.maxVisits());
    block.put("latestTime", Double.isInfinite(model.latestTime()) ? null : model.latestTime());
    block.put("historyHidden", model.historyHidden());
    block.put("elapsedEdges", doubles(model.elapsedEdges()));
    block.put("remainingEdges", doubles(model.remainingEdges()));
    block.put("staticEncoding", model.statics().encoding().state());
    block.put("staticNetwork", model.statics().network().describe());
    block.put("visitEncoding", model.visitEncoding().state());
    block.put("visitNetwork", model.visits().describe());
    return block;
  }

  static Map<String, WeightsFile.Tensor> tensors(TimelineArgn model) {
    Map<String, WeightsFile.Tensor> tensors = new LinkedHashMap<>();
    put(tensors, STATIC, model.statics().network());
    put(tensors, VISIT, model.visits());
    int gates = 4 * model.historyHidden();
    int inputs = TimelineArgn.historyInputs(model.visits().vocabulary());
    tensors.put(
        "history.inputWeight",
        new WeightsFile.Tensor(new int[] {inputs, gates}, model.historyInput()));
    tensors.put(
        "history.recurrentWeight",
        new WeightsFile.Tensor(new int[] {model.historyHidden(), gates}, model.historyRecurrent()));
    tensors.put("history.bias", new WeightsFile.Tensor(new int[] {gates}, model.historyBias()));
    int perHead = model.visits().heads() * model.visits().hidden();
    int projected = model.projected();
    if (projected == 0) {
      tensors.put(
          "context.weight",
          new WeightsFile.Tensor(new int[] {model.contextRows(), perHead}, model.context()));
    } else {
      tensors.put(
          "context.projection",
          new WeightsFile.Tensor(new int[] {model.contextRows(), projected}, model.projection()));
      tensors.put(
          "context.projectedWeight",
          new WeightsFile.Tensor(new int[] {projected, perHead}, model.context()));
    }
    return tensors;
  }

  static TimelineArgn read(
      TableSchema schema, Map<String, Object> block, Map<String, WeightsFile.Tensor> tensors) {
    Object gapName = block.get("gapColumn");
    if (!(gapName instanceof String gap)) {
      throw new IllegalArgumentException("argnTimeline has no gapColumn");
    }
    VisitLayout layout = VisitLayout.of(schema, gap);
    ArgnEncoding staticEncoding =
        ArgnEncoding.fromState(
            layout.staticSchema(), ModelFile.map(block, "staticEncoding", BLOCK));
    ArgnNetwork staticNetwork =
        network(ModelFile.map(block, "staticNetwork", BLOCK), STATIC, tensors);
    ArgnEncoding visitEncoding =
        ArgnEncoding.fromState(layout.visitSchema(), ModelFile.map(block, "visitEncoding", BLOCK));
    ArgnNetwork visitNetwork = network(ModelFile.map(block, "visitNetwork", BLOCK), VISIT, tensors);
    Object latest = block.get("latestTime");
    boolean projected = tensors.containsKey("context.projection");
    return new TimelineArgn(
        layout,
        number(block, "maxVisits").intValue(),
        latest == null ? Double.POSITIVE_INFINITY : ((Number) latest).doubleValue(),
        new ArgnModel(staticEncoding, staticNetwork),
        visitEncoding,
        visitNetwork,
        number(block, "historyHidden").intValue(),
        values(tensors, "history.inputWeight"),
        values(tensors, "history.recurrentWeight"),
        values(tensors, "history.bias"),
        doubles(block, "elapsedEdges"),
        doubles(block, "remainingEdges"),
        values(tensors, projected ? "context.projectedWeight" : "context.weight"),
        projected ? values(tensors, "context.projection") : new float[0]);
  }

  private static void put(
      Map<String, WeightsFile.Tensor> tensors, String prefix, ArgnNetwork network) {
    Map<String, int[]> shapes = network.shapes();
    network
        .tensors()
        .forEach(
            (name, values) ->
                tensors.put(prefix + name, new WeightsFile.Tensor(shapes.get(name), values)));
  }

  private static ArgnNetwork network(
      Map<String, Object> description, String prefix, Map<String, WeightsFile.Tensor> tensors) {
    Map<String, float[]> values = new LinkedHashMap<>();
    tensors.forEach(
        (name, tensor) -> {
          if (name.startsWith(prefix)) {
            values.put(name.substring(prefix.length()), tensor.values());
          }
        });
    ArgnNetwork network = ArgnNetwork.read(description, values);
    network
        .shapes()
        .forEach(
            (name, shape) -> {
              if (!Arrays.equals(shape, tensors.get(prefix + name).shape())) {
                throw new IllegalArgumentException(
                    "weights.bin tensor "
                        + prefix
                        + name
                        + " has shape "
                        + Arrays.toString(tensors.get(prefix + name).shape()));
              }
            });
    return network;
  }

  private static float[] values(Map<String, WeightsFile.Tensor> tensors, String name) {
    WeightsFile.Tensor tensor = tensors.get(name);
    if (tensor == null) {
      throw new IllegalArgumentException("weights.bin has no tensor " + name);
    }
    return tensor.values();
  }

  private static List<Object> doubles(double[] values) {
    List<Object> list = new ArrayList<>(values.length);
    for (double v : values) {
      list.add(v);
    }
    return list;
  }

  private static double[] doubles(Map<String, Object> block, String key) {
    if (!(block.get(key) instanceof List<?> list)) {
      throw new IllegalArgumentException("argnTimeline has no list '" + key + "'");
    }
    double[] values = new double[list.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = ((Number) list.get(i)).doubleValue();
    }
    return values;
  }

  private static Number number(Map<String, Object> block, String key) {
    if (!(block.get(key) instanceof Number value)) {
      throw new IllegalArgumentException("argnTimeline has no number '" + key + "'");
    }
    return value;
  }
}

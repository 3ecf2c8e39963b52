package io.github.syntheticpatients.runtime.model.argn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The weights of a chain of softmax heads over discrete sub-columns. Sub-column i has an embedding
 * {@code embedding[i]} ({@code vocabulary[i] × dims[i]}, row-major). Head j computes {@code h =
 * relu(b_j + Σ_i e_i(v_i) · W_j[i])} over the sub-columns i that come before j in the sampling
 * order ({@code W_j} is {@code Σ dims × hidden}, the rows of sub-column i at {@link
 * #embeddingOffset}), then {@code logits = h · V_j + c_j} ({@code hidden × vocabulary[j]}).
 *
 * @param vocabulary symbols per sub-column
 * @param dims embedding width per sub-column
 * @param hidden hidden units per head
 * @param embedding per sub-column, {@code vocabulary × dims}
 * @param hiddenWeight per head, {@code Σ dims × hidden}
 * @param hiddenBias per head, {@code hidden}
 * @param outWeight per head, {@code hidden × vocabulary}
 * @param outBias per head, {@code vocabulary}
 * @param anyOrder whether it was trained on random column orders, so that any columns may come
 *     first (conditions fix them without rejection)
 */
public record ArgnNetwork(
    int[] vocabulary,
    int[] dims,
    int hidden,
    float[][] embedding,
    float[][] hiddenWeight,
    float[][] hiddenBias,
    float[][] outWeight,
    float[][] outBias,
    boolean anyOrder) {

  public ArgnNetwork {
    int heads = vocabulary.length;
    int inputs = 0;
    for (int d : dims) {
      inputs += d;
    }
    if (dims.length != heads
        || embedding.length != heads
        || hiddenWeight.length != heads
        || hiddenBias.length != heads
        || outWeight.length != heads
        || outBias.length != heads) {
      throw new IllegalArgumentException("argn network: one tensor of each kind per sub-column");
    }
    for (int j = 0; j < heads; j++) {
      if (embedding[j].length != vocabulary[j] * dims[j]
          || hiddenWeight[j].length != inputs * hidden
          || hiddenBias[j].length != hidden
          || outWeight[j].length != hidden * vocabulary[j]
          || outBias[j].length != vocabulary[j]) {
        throw new IllegalArgumentException("argn network: tensor shapes of head " + j + " differ");
      }
    }
  }

  /** The number of heads (sub-columns). */
  public int heads() {
    return vocabulary.length;
  }

  /** The first row of sub-column i's embedding in each head's hidden weight. */
  public int embeddingOffset(int i) {
    int offset = 0;
    for (int k = 0; k < i; k++) {
      offset += dims[k];
    }
    return offset;
  }

  /** The architecture as plain data for {@code model.json} (weights go to weights.bin). */
  public Map<String, Object> describe() {
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("type", "softmaxChain");
    description.put("vocabulary", ints(vocabulary));
    description.put("dims", ints(dims));
    description.put("hidden", hidden);
    description.put("anyOrder", anyOrder);
    return description;
  }

  /** The weights by name, in a fixed order, for {@code weights.bin}. */
  public Map<String, float[]> tensors() {
    Map<String, float[]> tensors = new LinkedHashMap<>();
    for (int j = 0; j < heads(); j++) {
      tensors.put("embedding" + j, embedding[j]);
      tensors.put("head" + j + ".hidden.weight", hiddenWeight[j]);
      tensors.put("head" + j + ".hidden.bias", hiddenBias[j]);
      tensors.put("head" + j + ".out.weight", outWeight[j]);
      tensors.put("head" + j + ".out.bias", outBias[j]);
    }
    return tensors;
  }

  /** The shape of each tensor of {@link #tensors()}. */
  public Map<String, int[]> shapes() {
    int inputs = embeddingOffset(heads());
    Map<String, int[]> shapes = new LinkedHashMap<>();
    for (int j = 0; j < heads(); j++) {
      shapes.put("embedding" + j, new int[] {vocabulary[j], dims[j]});
      shapes.put("head" + j + ".hidden.weight", new int[] {inputs, hidden});
      shapes.put("head" + j + ".hidden.bias", new int[] {hidden});
      shapes.put("head" + j + ".out.weight", new int[] {hidden, vocabulary[j]});
      shapes.put("head" + j + ".out.bias", new int[] {vocabulary[j]});
    }
    return shapes;
  }

  /** Reads {@link #describe()} and the tensors of {@link #tensors()}. */
  public static ArgnNetwork read(Map<String, Object> description, Map<String, float[]> tensors) {
    if (!"softmaxChain".equals(description.get("type"))) {
      throw new IllegalArgumentException("unknown argn network type " + description.get("type"));
    }
    int[] vocabulary = ints(description.get("vocabulary"));
    int[] dims = ints(description.get("dims"));
    int heads = vocabulary.length;
    float[][] embedding = new float[heads][];
    float[][] hiddenWeight = new float[heads][];
    float[][] hiddenBias = new float[heads][];
    float[][] outWeight = new float[heads][];
    float[][] outBias = new float[heads][];
    for (int j = 0; j < heads; j++) {
      embedding[j] = tensor(tensors, "embedding" + j);
      hiddenWeight[j] = tensor(tensors, "head" + j + ".hidden.weight");
      hiddenBias[j] = tensor(tensors, "head" + j + ".hidden.bias");
      outWeight[j] = tensor(tensors, "head" + j + ".out.weight");
      outBias[j] = tensor(tensors, "head" + j + ".out.bias");
    }
    return new ArgnNetwork(
        vocabulary,
        dims,
        ((Number) description.get("hidden")).intValue(),
        embedding,
        hiddenWeight,
        hiddenBias,
        outWeight,
        outBias,
        Boolean.TRUE.equals(description.get("anyOrder")));
  }

  private static float[] tensor(Map<String, float[]> tensors, String name) {
    float[] values = tensors.get(name);
    if (values == null) {
      throw new IllegalArgumentException("weights.bin has no tensor " + name);
    }
    return values;
  }

  private static List<Object> ints(int[] values) {
    List<Object> list = new ArrayList<>(values.length);
    for (int v : values) {
      list.add(v);
    }
    return list;
  }

  private static int[] ints(Object list) {
    if (!(list instanceof List<?> items)) {
      throw new IllegalArgumentException("argn network: expected a list of numbers");
    }
    int[] values = new int[items.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = ((Number) items.get(i)).intValue();
    }
    return values;
  }
}

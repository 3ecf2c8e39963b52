package io.github.syntheticpatients.runtime.model.argn;

import java.util.Arrays;

/**
 * One head's output layer over a block of rows, shared by the flat and the visit chain's samplers:
 * each symbol's logit is its bias, then the hidden units' terms added in unit order, each step
 * rounded to float (docs/numerics.md). The loops run over the rows, one array per hidden unit and
 * per symbol, four units a pass, so the JIT vectorises them; the additions and their order are
 * those of one row at a time.
 */
final class HeadLogits {
  private HeadLogits() {}

  /**
   * Writes {@code logits[v][i]} for the first {@code count} rows.
   *
   * @param bias the head's output bias, one per symbol
   * @param weight the head's output weight, {@code [hidden][vocabulary]} row-major
   * @param activations {@code [hidden][row]}
   */
  static void compute(
      float[] bias,
      float[] weight,
      int vocabulary,
      int hidden,
      float[][] activations,
      int count,
      float[][] logits) {
    for (int v = 0; v < vocabulary; v++) {
      float[] l = logits[v];
      Arrays.fill(l, 0, count, bias[v]);
      int h = 0;
      for (; h + 4 <= hidden; h += 4) {
        float w0 = weight[h * vocabulary + v];
        float w1 = weight[(h + 1) * vocabulary + v];
        float w2 = weight[(h + 2) * vocabulary + v];
        float w3 = weight[(h + 3) * vocabulary + v];
        float[] a0 = activations[h];
        float[] a1 = activations[h + 1];
        float[] a2 = activations[h + 2];
        float[] a3 = activations[h + 3];
        for (int i = 0; i < count; i++) {
          l[i] = l[i] + w0 * a0[i] + w1 * a1[i] + w2 * a2[i] + w3 * a3[i];
        }
      }
      for (; h < hidden; h++) {
        float w = weight[h * vocabulary + v];
        float[] a = activations[h];
        for (int i = 0; i < count; i++) {
          l[i] += w * a[i];
        }
      }
    }
  }
}

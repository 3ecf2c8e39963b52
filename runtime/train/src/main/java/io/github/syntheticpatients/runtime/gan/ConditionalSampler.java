package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.encode.OutputBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * CTGAN's training-by-sampling: picks a discrete column uniformly, one of its categories with
 * probability proportional to log(1 + count), and a real row that has that category; binned numeric
 * columns ({@code numericEncoding=bins}) take part with their bins as categories. Without such
 * columns it draws real rows uniformly. Pure Java and seeded, so the row choice is reproducible.
 */
final class ConditionalSampler {
  private final float[] data;
  private final int rows;
  private final int width;
  private final ConditionVector condition;

  /** Per discrete column, the cumulative log-frequency distribution over its categories. */
  private final double[][] cumulative;

  /** Per discrete column and category, the rows that have it. */
  private final int[][][] rowsByCategory;

  private final SplittableRandom random;

  ConditionalSampler(float[] data, int rows, EncodedLayout layout, boolean conditional, long seed) {
    this.data = data;
    this.rows = rows;
    this.width = layout.width();
    this.random = new SplittableRandom(seed);
    List<OutputBlock> blocks = conditional ? layout.conditionBlocks() : List.of();
    List<ConditionColumn> columns = new ArrayList<>();
    cumulative = new double[blocks.size()][];
    rowsByCategory = new int[blocks.size()][][];
    int condOffset = 0;
    for (int k = 0; k < blocks.size(); k++) {
      OutputBlock block = blocks.get(k);
      int[] counts = new int[block.width()];
      int[] category = new int[rows];
      for (int r = 0; r < rows; r++) {
        category[r] = argmax(data, r * width + block.offset(), block.width());
        counts[category[r]]++;
      }
      int[][] byCategory = new int[block.width()][];
      int[] filled = new int[block.width()];
      for (int c = 0; c < block.width(); c++) {
        byCategory[c] = new int[counts[c]];
      }
      for (int r = 0; r < rows; r++) {
        byCategory[category[r]][filled[category[r]]++] = r;
      }
      rowsByCategory[k] = byCategory;
      double[] frequencies = new double[block.width()];
      double[] cdf = new double[block.width()];
      double total = 0;
      for (int c = 0; c < block.width(); c++) {
        frequencies[c] = (double) counts[c] / rows;
        total += Math.log1p(counts[c]);
        cdf[c] = total;
      }
      for (int c = 0; c < block.width(); c++) {
        cdf[c] /= total;
      }
      cumulative[k] = cdf;
      columns.add(
          new ConditionColumn(
              block.column(), block.offset(), condOffset, block.width(), frequencies));
      condOffset += block.width();
    }
    condition = new ConditionVector(columns, condOffset);
  }

  ConditionVector condition() {
    return condition;
  }

  /**
   * Draws a batch for one CTGAN step: conditional vectors for the generator and, in a shuffled
   * order as CTGAN does, real rows that satisfy them with their own conditional vectors.
   */
  Batch sample(int batchSize) {
    int condWidth = condition.width();
    float[] cond = new float[batchSize * condWidth];
    float[] real = new float[batchSize * width];
    float[] realCond = new float[batchSize * condWidth];
    if (condWidth == 0) {
      for (int i = 0; i < batchSize; i++) {
        copyRow(random.nextInt(rows), real, i);
      }
      return new Batch(cond, real, realCond);
    }
    int[] column = new int[batchSize];
    int[] category = new int[batchSize];
    for (int i = 0; i < batchSize; i++) {
      column[i] = random.nextInt(cumulative.length);
      category[i] = draw(cumulative[column[i]]);
      cond[i * condWidth + condition.columns().get(column[i]).condOffset() + category[i]] = 1f;
    }
    int[] permutation = permutation(batchSize);
    for (int i = 0; i < batchSize; i++) {
      int p = permutation[i];
      int[] candidates = rowsByCategory[column[p]][category[p]];
      copyRow(candidates[random.nextInt(candidates.length)], real, i);
      System.arraycopy(cond, p * condWidth, realCond, i * condWidth, condWidth);
    }
    return new Batch(cond, real, realCond);
  }

  /**
   * Conditional vectors for a generator step ({@code batch × condWidth}), drawn as in {@link
   * #sample}.
   */
  float[] sampleConditions(int batchSize) {
    int condWidth = condition.width();
    float[] cond = new float[batchSize * condWidth];
    if (condWidth == 0) {
      return cond;
    }
    for (int i = 0; i < batchSize; i++) {
      int column = random.nextInt(cumulative.length);
      cond[
              i * condWidth
                  + condition.columns().get(column).condOffset()
                  + draw(cumulative[column])] =
          1f;
    }
    return cond;
  }

  /** Real rows drawn uniformly with replacement (the basic GAN). */
  float[] sampleRows(int batchSize) {
    float[] real = new float[batchSize * width];
    for (int i = 0; i < batchSize; i++) {
      copyRow(random.nextInt(rows), real, i);
    }
    return real;
  }

  private void copyRow(int row, float[] target, int at) {
    System.arraycopy(data, row * width, target, at * width, width);
  }

  private int draw(double[] cdf) {
    double u = random.nextDouble();
    for (int c = 0; c < cdf.length - 1; c++) {
      if (u < cdf[c]) {
        return c;
      }
    }
    return cdf.length - 1;
  }

  private int[] permutation(int n) {
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  private static int argmax(float[] values, int from, int count) {
    int best = 0;
    for (int c = 1; c < count; c++) {
      if (values[from + c] > values[from + best]) {
        best = c;
      }
    }
    return best;
  }

  /**
   * One step's rows, row-major.
   *
   * @param cond the generator's conditional vectors ({@code batch × condWidth})
   * @param real real encoded rows ({@code batch × width})
   * @param realCond the conditional vectors the real rows satisfy ({@code batch × condWidth})
   */
  record Batch(float[] cond, float[] real, float[] realCond) {}
}

package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.TestData;
import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.encode.EncoderSettings;
import io.github.syntheticpatients.runtime.encode.OutputBlock;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.fit.copula.GaussianCopulaFitter;
import io.github.syntheticpatients.runtime.fit.encode.TableEncoderFitter;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Real models over the pbc test data built without a training run: a Gaussian copula fitted on the
 * table, and a GAN model whose encoder is fitted on the table and whose small generator network has
 * seeded random weights (a real network and sampler, just untrained).
 */
public final class TestModels {
  /** Latent width of the test GAN. */
  static final int LATENT = 8;

  private TestModels() {}

  /** The pbc table with its inferred schema. */
  public static Table pbc() {
    TableSchema schema = TableSchema.of(Schemas.infer(TestData.path("pbc.csv")));
    return CsvTableReader.read(TestData.path("pbc.csv"), schema, CsvOptions.defaults());
  }

  /** A copula model's contents, fitted on pbc. */
  public static ModelContents copula(Table table) {
    GaussianCopula copula = GaussianCopulaFitter.fit(table);
    return new ModelContents(
        "copula",
        "test copula",
        table.schema(),
        null,
        null,
        copula.state(),
        settings(),
        Map.of("inputSha256", "abc", "seed", 1L),
        Map.of("note", "none"),
        Map.of("trainingSeconds", 0.5));
  }

  /**
   * A GAN model's contents: the encoder fitted on pbc, a two-layer generator with seeded random
   * weights.
   */
  public static ModelContents gan(Table table, long seed) {
    TableEncoder encoder = TableEncoderFitter.fit(table, EncoderSettings.defaults(), seed);
    return new ModelContents(
        "ctgan",
        "test gan",
        table.schema(),
        encoder.state(),
        generator(encoder, table, seed),
        null,
        settings(),
        Map.of("seed", seed),
        Map.of(),
        Map.of("trainingSeconds", 1.0));
  }

  /**
   * An untrained CTGAN-shaped generator for an encoder: residual layer with layer norm, then a
   * linear output.
   */
  static GanGenerator generator(TableEncoder encoder, Table table, long seed) {
    return generator(encoder, table, seed, true);
  }

  /**
   * The same generator shape; without a conditional vector when {@code conditional} is false, as a
   * generator that cannot fix a category.
   */
  static GanGenerator generator(TableEncoder encoder, Table table, long seed, boolean conditional) {
    EncodedLayout layout = encoder.layout();
    List<GanGenerator.ConditionBlock> blocks = new ArrayList<>();
    int conditionOffset = 0;
    for (OutputBlock block : conditional ? layout.categoryBlocks() : List.<OutputBlock>of()) {
      blocks.add(
          new GanGenerator.ConditionBlock(
              block.column(),
              block.offset(),
              conditionOffset,
              block.width(),
              frequencies(table.column(block.column()), block.width())));
      conditionOffset += block.width();
    }
    SplittableRandom random = new SplittableRandom(seed);
    int input = LATENT + conditionOffset;
    int hidden = 16;
    DenseLayer first = layer(random, input, hidden, true, DenseLayer.Activation.RELU, true);
    DenseLayer output =
        layer(random, hidden + input, layout.width(), false, DenseLayer.Activation.NONE, false);
    return new GanGenerator(new MlpNetwork(List.of(first, output)), LATENT, blocks);
  }

  static DenseLayer layer(
      SplittableRandom random,
      int in,
      int out,
      boolean layerNorm,
      DenseLayer.Activation activation,
      boolean concat) {
    return new DenseLayer(
        in,
        out,
        randoms(random, in * out, 0.5),
        randoms(random, out, 0.1),
        layerNorm,
        layerNorm ? randoms(random, out, 0.2, 1f) : null,
        layerNorm ? randoms(random, out, 0.2) : null,
        activation,
        concat);
  }

  static float[] randoms(SplittableRandom random, int n, double scale) {
    return randoms(random, n, scale, 0f);
  }

  static float[] randoms(SplittableRandom random, int n, double scale, float offset) {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = offset + (float) (random.nextGaussian() * scale);
    }
    return values;
  }

  /**
   * Category shares of a column; the last position (the missing category of a nullable column)
   * takes NaNs.
   */
  private static double[] frequencies(double[] column, int width) {
    double[] counts = new double[width];
    for (double v : column) {
      counts[Double.isNaN(v) ? width - 1 : (int) v] += 1;
    }
    for (int k = 0; k < width; k++) {
      counts[k] /= column.length;
    }
    return counts;
  }

  private static Map<String, Object> settings() {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put("generator", "test");
    settings.put("epochs", 0);
    return settings;
  }
}

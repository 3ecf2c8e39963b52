package io.github.syntheticpatients.runtime.fit.encode;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.dp.DpSettings;
import io.github.syntheticpatients.runtime.encode.BinnedCodec;
import io.github.syntheticpatients.runtime.encode.ColumnCodec;
import io.github.syntheticpatients.runtime.encode.ColumnValues;
import io.github.syntheticpatients.runtime.encode.ContinuousCodec;
import io.github.syntheticpatients.runtime.encode.DiscreteCodec;
import io.github.syntheticpatients.runtime.encode.EncoderSettings;
import io.github.syntheticpatients.runtime.encode.GaussianMixture1d;
import io.github.syntheticpatients.runtime.encode.GmmScaler;
import io.github.syntheticpatients.runtime.encode.MinMaxScaler;
import io.github.syntheticpatients.runtime.encode.NumericScaler;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.fit.argn.ArgnEncodingFitter;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.ProtectedValues;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * Fits a {@link TableEncoder}: one codec per learned column, continuous ones on protected values.
 */
public final class TableEncoderFitter {
  private TableEncoderFitter() {}

  /**
   * Fits the encoder to a table's learned columns.
   *
   * @param table the training data; its schema becomes the encoder's schema
   * @param settings how continuous columns are encoded
   * @param seed seeds the subsample a large column's mixture is fitted on
   * @throws InvalidInputException when a value contradicts the schema (a missing value in a column
   *     not marked nullable, a category index out of range, an infinite number)
   */
  public static TableEncoder fit(Table table, EncoderSettings settings, long seed) {
    Objects.requireNonNull(settings, "settings");
    TableSchema schema = table.schema();
    List<ColumnSchema> learned = schema.learnedColumns();
    SplittableRandom master = new SplittableRandom(seed);
    SplittableRandom[] randoms = new SplittableRandom[learned.size()];
    for (int i = 0; i < learned.size(); i++) {
      randoms[i] = master.split();
      ColumnValues.check(learned.get(i), table.column(schema.indexOf(learned.get(i).name())));
    }
    // Columns are fitted in parallel; each has its own generator, split in column order, so the
    // result does not
    // depend on scheduling.
    ColumnCodec[] codecs = new ColumnCodec[learned.size()];
    IntStream.range(0, learned.size())
        .parallel()
        .forEach(
            i -> {
              ColumnSchema column = learned.get(i);
              codecs[i] =
                  column.kind().isDiscrete()
                      ? new DiscreteCodec(column)
                      : fitContinuous(
                          column,
                          table.column(schema.indexOf(column.name())),
                          settings,
                          randoms[i]);
            });
    return new TableEncoder(schema, settings, Arrays.asList(codecs));
  }

  /**
   * An encoder that reads no record, for DP training: categories and nullability from the schema,
   * and each continuous column min–max scaled between its declared public bounds (values outside
   * are clipped), so nothing about the data enters the encoding outside the privacy budget.
   *
   * @param bounds {@code [low, high]} by column name
   * @param boundsOption the option prefix a missing bound is named by, e.g. {@code dp.bounds.}
   * @throws InvalidInputException naming {@code boundsOption + column} for a continuous column
   *     without bounds
   */
  public static TableEncoder fitPublic(
      TableSchema schema, Map<String, double[]> bounds, String boundsOption) {
    List<ColumnCodec> codecs =
        schema.learnedColumns().stream()
            .map(
                column ->
                    column.kind().isDiscrete()
                        ? new DiscreteCodec(column)
                        : publicContinuous(column, bounds.get(column.name()), boundsOption))
            .toList();
    EncoderSettings settings =
        EncoderSettings.defaults().withNumericEncoding(EncoderSettings.NumericEncoding.MINMAX);
    return new TableEncoder(schema, settings, codecs);
  }

  private static ColumnCodec publicContinuous(
      ColumnSchema column, double[] range, String boundsOption) {
    if (range == null) {
      throw DpSettings.missingBound(column, boundsOption);
    }
    return new ContinuousCodec(
        column, new MinMaxScaler(range[0], range[1]), range[0], range[1], true, false);
  }

  private static ColumnCodec fitContinuous(
      ColumnSchema column, double[] values, EncoderSettings settings, SplittableRandom random) {
    ProtectedValues protectedValues = ProtectedValues.of(values, settings.valueProtectionK());
    if (protectedValues.withheld()) {
      // Throws for a column that is not nullable; a nullable one is generated as missing.
      ColumnValues.withheld(column, values, settings.valueProtectionK());
    }
    if (settings.numericEncoding() == EncoderSettings.NumericEncoding.BINS
        && !protectedValues.withheld()
        && protectedValues.count() > 0) {
      // The autoregressive generator's grid and bins (one owner of the rule), point masses in bins
      // of their own; the sub-bin count is not used here, the position inside a bin is a scalar.
      return new BinnedCodec(
          column,
          ArgnEncodingFitter.numeric(
              column,
              values,
              column.nullable(),
              settings.valueProtectionK(),
              ArgnEncodingFitter.DEFAULT_BINS,
              1,
              true));
    }
    // Scalers see only the protected values, so no range or mixture parameter is a value of fewer
    // than k records.
    double[] present = protectedValues.values();
    int n = present.length;
    double min = n == 0 ? 0 : protectedValues.low();
    double max = n == 0 ? 0 : protectedValues.high();
    NumericScaler scaler =
        switch (settings.numericEncoding()) {
          case GMM ->
              new GmmScaler(
                  n == 0
                      ? new GaussianMixture1d(new double[] {0}, new double[] {1}, new double[] {1})
                      : MixtureFitter.fit(
                          present, settings.maxModes(), settings.modeWeightThreshold(), random));
          case MINMAX -> ScalerFitter.minMax(present);
          case BOXCOX -> ScalerFitter.boxCox(present, random);
          case NORMAL -> ScalerFitter.normalScore(present);
          // A withheld binned column: always missing, as with the other scalers.
          case BINS -> ScalerFitter.minMax(present);
        };
    boolean withheld = protectedValues.withheld() && column.nullable();
    return new ContinuousCodec(column, scaler, min, max, settings.clipToObservedRange(), withheld);
  }
}

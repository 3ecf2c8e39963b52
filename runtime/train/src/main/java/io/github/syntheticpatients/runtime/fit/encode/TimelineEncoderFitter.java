package io.github.syntheticpatients.runtime.fit.encode;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.encode.EncoderSettings;
import io.github.syntheticpatients.runtime.encode.TableEncoder;
import io.github.syntheticpatients.runtime.encode.TimelineEncoder;
import java.util.Objects;

/** Fits a {@link TimelineEncoder}: the patient table's encoder, then the step table's. */
public final class TimelineEncoderFitter {
  private TimelineEncoderFitter() {}

  /**
   * Fits both encoders to training timelines.
   *
   * @param train the training patients
   * @param maxVisits the longest sequence learned and generated; longer ones are cut
   * @param stepSettings how continuous step values are encoded (Box–Cox in the Health Gym design);
   *     its value protection k also protects the patient table (static values, visit count, first
   *     time)
   * @param seed seeds the encoders' subsampling
   */
  public static TimelineEncoder fit(
      Timelines train, int maxVisits, EncoderSettings stepSettings, long seed) {
    Objects.requireNonNull(stepSettings, "stepSettings");
    if (stepSettings.numericEncoding() == EncoderSettings.NumericEncoding.BINS) {
      throw InvalidInputException.inParameter(
          EncoderSettings.NUMERIC_ENCODING,
          "numericEncoding=bins is for tables (ctgan, basic); for timelines use gmm, minmax, boxcox"
              + " or normal");
    }
    if (maxVisits < 1) {
      throw new IllegalArgumentException("maxVisits must be 1 or more, was " + maxVisits);
    }
    TimelineEncoder.TrainingTables tables = TimelineEncoder.trainingTables(train, maxVisits);
    EncoderSettings staticSettings =
        EncoderSettings.defaults()
            .withNumericEncoding(EncoderSettings.NumericEncoding.MINMAX)
            .withValueProtectionK(stepSettings.valueProtectionK());
    TableEncoder staticEncoder = TableEncoderFitter.fit(tables.patients(), staticSettings, seed);
    TableEncoder stepEncoder = TableEncoderFitter.fit(tables.steps(), stepSettings, seed + 1);
    return new TimelineEncoder(
        train.schema(),
        tables.visitsColumn(),
        tables.gapColumn(),
        maxVisits,
        staticEncoder,
        stepEncoder);
  }
}

package io.github.syntheticpatients.spark;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * The data source's options, read and checked on the driver before any task starts; each problem
 * names its option and the fix.
 *
 * @param model a model-zoo id, a classpath resource ({@code classpath:...}) or a file path
 * @param rows how many records (patients, for a longitudinal model)
 * @param seed the seed: the same model, seed, rows, conditions and balance give the same rows
 * @param partitions how many partitions, when the option is set
 * @param layout how a longitudinal model's patients become rows
 * @param conditions condition expressions every record meets, e.g. {@code sex=f}
 * @param balance a class distribution of one categorical or binary column, as the plugin's {@code
 *     synthetic.balance} takes it ({@code death}, {@code death:1=0.3}); empty for none
 */
record SourceOptions(
    String model,
    long rows,
    long seed,
    OptionalInt partitions,
    Layout layout,
    List<String> conditions,
    String balance) {

  static final String MODEL = "model";
  static final String ROWS = "rows";
  static final String SEED = "seed";
  static final String PARTITIONS = "partitions";
  static final String LAYOUT = "layout";
  static final String CONDITIONS = "conditions";
  static final String BALANCE = "balance";

  /** Every option the source reads, lower case (Spark hands options over case-insensitively). */
  static final Set<String> KNOWN =
      Set.of(MODEL, ROWS, SEED, PARTITIONS, LAYOUT, CONDITIONS, BALANCE);

  SourceOptions {
    conditions = List.copyOf(conditions);
  }

  /**
   * Reads the options Spark passed to {@code load()}.
   *
   * @param options option names in lower case (Spark's case-insensitive map) to their values
   * @throws IllegalArgumentException naming the option at fault, for an unknown option, a missing
   *     or malformed {@code rows}, a malformed {@code seed} or {@code partitions}, an unknown
   *     {@code layout}
   */
  static SourceOptions parse(Map<String, String> options) {
    for (String key : options.keySet()) {
      if (!KNOWN.contains(key.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException(
            "Unknown option '"
                + key
                + "' of the synthetic-patients data source; known options: "
                + new TreeSet<>(KNOWN)
                + " (check the spelling)");
      }
    }
    String model = options.getOrDefault(MODEL, ModelLoader.DEFAULT_MODEL).trim();
    String rowsText = options.get(ROWS);
    if (rowsText == null) {
      throw new IllegalArgumentException(
          "Option 'rows' is missing: say how many records to sample, e.g. .option(\"rows\","
              + " 1000000)");
    }
    long rows = parseLong(ROWS, rowsText);
    if (rows <= 0) {
      throw new IllegalArgumentException(
          "Option 'rows' must be 1 or more, was " + rows + "; e.g. .option(\"rows\", 1000000)");
    }
    long seed =
        options.containsKey(SEED) ? parseLong(SEED, options.get(SEED)) : TrainSettings.DEFAULT_SEED;
    OptionalInt partitions = OptionalInt.empty();
    if (options.containsKey(PARTITIONS)) {
      long count = parseLong(PARTITIONS, options.get(PARTITIONS));
      if (count < 1 || count > Integer.MAX_VALUE) {
        throw new IllegalArgumentException(
            "Option 'partitions' must be between 1 and " + Integer.MAX_VALUE + ", was " + count);
      }
      partitions = OptionalInt.of((int) count);
    }
    Layout layout = Layout.parse(options.getOrDefault(LAYOUT, Layout.VISITS.optionValue()));
    return new SourceOptions(
        model,
        rows,
        seed,
        partitions,
        layout,
        conditions(options.getOrDefault(CONDITIONS, "")),
        options.getOrDefault(BALANCE, "").strip());
  }

  /** A request for {@code rows} records with the options' seed, conditions and balance. */
  SampleRequest blockRequest(int rows) {
    return new SampleRequest(rows, seed, conditions, SampleRequest.DEFAULT_TIME_BUDGET, balance);
  }

  /** Conditions as the plugin's {@code synthetic.conditions} takes them: comma-separated. */
  private static List<String> conditions(String text) {
    List<String> conditions = new ArrayList<>();
    for (String part : text.split(",", -1)) {
      if (!part.isBlank()) {
        conditions.add(part.strip());
      }
    }
    return conditions;
  }

  private static long parseLong(String option, String text) {
    try {
      return Long.parseLong(text.strip());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Option '" + option + "' must be a whole number, was '" + text + "'", e);
    }
  }
}

package io.github.syntheticpatients.runtime.encode;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.ModelFormatException;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.ValueRange;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * The reversible data transformer of CTGAN, in Java: turns the learned columns of a {@link Table}
 * into float rows laid out by {@link #layout()}, and generated rows back into a table.
 *
 * <p>Per learned column, in schema order: a continuous column (NUMERIC, INTEGER, DATE, DATETIME)
 * gives a VALUE scalar, then a MODE one-hot (GMM only), then a MISSING pair [present, missing] when
 * nullable; a discrete column (BINARY, CATEGORICAL) gives one CATEGORY one-hot with an extra last
 * "missing" category when nullable. Missingness is modelled, never imputed. A missing continuous
 * value encodes its VALUE as 0 and its MODE as the mixture's heaviest (most frequent) mode, so the
 * value positions carry no signal the generator must fit.
 *
 * <p>Identifier and dropped columns are not encoded; decoded tables hold NaN for them.
 */
public final class TableEncoder {
  private static final int FORMAT = 1;
  private static final String SOURCE = "encoder state";

  private final TableSchema schema;
  private final EncoderSettings settings;
  private final List<ColumnCodec> codecs;
  private final int[] offsets;
  private final EncodedLayout layout;

  /**
   * An encoder from its codecs, one per learned column in schema order. Internal: public for
   * runtime/train's fitting ({@code runtime.fit.encode.TableEncoderFitter}) and for loading.
   */
  public TableEncoder(TableSchema schema, EncoderSettings settings, List<ColumnCodec> codecs) {
    this.schema = schema;
    this.settings = settings;
    this.codecs = List.copyOf(codecs);
    this.offsets = new int[codecs.size()];
    List<OutputBlock> blocks = new ArrayList<>();
    int offset = 0;
    for (int i = 0; i < codecs.size(); i++) {
      offsets[i] = offset;
      blocks.addAll(codecs.get(i).blocks(offset));
      offset += codecs.get(i).width();
    }
    this.layout = new EncodedLayout(blocks, offset);
  }

  /** The schema decoded tables use. */
  public TableSchema schema() {
    return schema;
  }

  /** The settings the encoder was fitted with. */
  public EncoderSettings settings() {
    return settings;
  }

  /**
   * The range decoded values of a continuous column lie in ({@link ContinuousCodec#valueRange()});
   * empty for other columns and for a codec that does not clip.
   */
  public Optional<ValueRange> valueRange(String column) {
    for (ColumnCodec codec : codecs) {
      if (codec.column().name().equals(column) && codec instanceof ContinuousCodec continuous) {
        return continuous.valueRange();
      }
      if (codec.column().name().equals(column) && codec instanceof BinnedCodec binned) {
        return Optional.of(binned.valueRange());
      }
    }
    return Optional.empty();
  }

  /** The blocks of an encoded row. */
  public EncodedLayout layout() {
    return layout;
  }

  /**
   * Encodes every row of a table that has (at least) this encoder's learned columns, by name.
   *
   * @param seed seeds the GMM mode sampling; the same seed gives the same floats
   * @return {@code rows * layout().width()} floats, row-major
   */
  public float[] encode(Table table, long seed) {
    int rows = table.rowCount();
    int width = layout.width();
    float[] out = new float[Math.multiplyExact(rows, width)];
    SplittableRandom master = new SplittableRandom(seed);
    for (int c = 0; c < codecs.size(); c++) {
      ColumnCodec codec = codecs.get(c);
      SplittableRandom random = master.split();
      int index = table.schema().indexOf(codec.column().name());
      if (index < 0) {
        throw InvalidInputException.inParameter(
            "schema",
            "The table has no column '"
                + codec.column().name()
                + "', which the model was trained on; "
                + "supply a table with the training schema");
      }
      double[] values = table.column(index);
      ColumnValues.check(codec.column(), values);
      codec.encode(values, out, offsets[c], width, random);
    }
    return out;
  }

  /**
   * Decodes activated rows: SCALAR spans in [-1, 1], SOFTMAX spans one-hot or probabilities (argmax
   * wins).
   *
   * @param activated {@code rows * layout().width()} floats, row-major
   * @param rows the number of rows
   * @return a table over the full schema; identifier and dropped columns are NaN
   */
  public Table decode(float[] activated, int rows) {
    int width = layout.width();
    if (rows < 0 || activated.length != (long) rows * width) {
      throw new IllegalArgumentException(
          "Expected "
              + rows
              + " rows of width "
              + width
              + " but got "
              + activated.length
              + " floats");
    }
    double[][] columns = new double[schema.columns().size()][];
    for (int c = 0; c < codecs.size(); c++) {
      ColumnCodec codec = codecs.get(c);
      double[] values = new double[rows];
      int offset = offsets[c];
      for (int row = 0, position = offset; row < rows; row++, position += width) {
        values[row] = codec.decode(activated, position);
      }
      columns[schema.indexOf(codec.column().name())] = values;
    }
    for (int i = 0; i < columns.length; i++) {
      if (columns[i] == null) {
        columns[i] = new double[rows];
        Arrays.fill(columns[i], Double.NaN);
      }
    }
    return new Table(schema, columns);
  }

  /**
   * The fitted state as plain JDK values (maps, lists, numbers, strings, booleans) for a JSON model
   * file; every double is finite and survives a JSON round trip exactly.
   */
  public Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("format", FORMAT);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("numericEncoding", settings.numericEncoding().name());
    s.put("maxModes", settings.maxModes());
    s.put("modeWeightThreshold", settings.modeWeightThreshold());
    s.put("clipToObservedRange", settings.clipToObservedRange());
    s.put(ValueProtection.OPTION, settings.valueProtectionK());
    state.put("settings", s);
    List<Map<String, Object>> columns = new ArrayList<>();
    for (ColumnCodec codec : codecs) {
      Map<String, Object> column = new LinkedHashMap<>();
      column.put("name", codec.column().name());
      column.put("kind", codec.column().kind().name());
      column.put("nullable", codec.column().nullable());
      column.putAll(codec.state());
      columns.add(column);
    }
    state.put("columns", columns);
    return state;
  }

  /**
   * Rebuilds an encoder from {@link #state()}.
   *
   * @param schema the schema the encoder was fitted on
   * @throws ModelFormatException when the state is malformed or does not match the schema
   */
  public static TableEncoder fromState(TableSchema schema, Map<String, Object> state) {
    StateMaps read = new StateMaps(SOURCE);
    read.requireFormat(state, FORMAT);
    Map<String, Object> s = read.map(state, "settings");
    EncoderSettings settings;
    try {
      settings =
          new EncoderSettings(
              EncoderSettings.NumericEncoding.valueOf(
                  read.string(s, "numericEncoding").toUpperCase(Locale.ROOT)),
              read.integer(s, "maxModes"),
              read.number(s, "modeWeightThreshold"),
              read.bool(s, "clipToObservedRange"),
              // Files written before value protection record no k: they were fitted unprotected.
              s.containsKey(ValueProtection.OPTION) ? read.integer(s, ValueProtection.OPTION) : 1);
    } catch (IllegalArgumentException | InvalidInputException e) {
      throw new ModelFormatException(SOURCE, "bad settings: " + e.getMessage(), e);
    }
    List<ColumnSchema> learned = schema.learnedColumns();
    List<Map<String, Object>> columns = read.maps(state, "columns");
    if (columns.size() != learned.size()) {
      throw new ModelFormatException(
          SOURCE,
          "it encodes " + columns.size() + " columns but the schema learns " + learned.size());
    }
    List<ColumnCodec> codecs = new ArrayList<>();
    for (int i = 0; i < learned.size(); i++) {
      ColumnSchema column = learned.get(i);
      Map<String, Object> c = columns.get(i);
      read.requireColumn(i, c, column);
      codecs.add(codecFromState(column, c, read));
    }
    return new TableEncoder(schema, settings, codecs);
  }

  private static ColumnCodec codecFromState(
      ColumnSchema column, Map<String, Object> c, StateMaps read) {
    String type = read.string(c, "type");
    if (column.kind().isDiscrete()) {
      if (!type.equals(DiscreteCodec.TYPE)
          || read.integer(c, "categories") != column.categories().size()) {
        throw new ModelFormatException(
            SOURCE,
            "column '"
                + column.name()
                + "' was encoded with "
                + c.get("categories")
                + " categories but the schema"
                + " lists "
                + column.categories().size());
      }
      return new DiscreteCodec(column);
    }
    if (type.equals(BinnedCodec.TYPE)) {
      try {
        return BinnedCodec.fromState(column, c, read);
      } catch (IllegalArgumentException e) {
        throw new ModelFormatException(
            SOURCE, "column '" + column.name() + "': " + e.getMessage(), e);
      }
    }
    if (!type.equals("continuous")) {
      throw new ModelFormatException(
          SOURCE, "column '" + column.name() + "' has encoding type '" + type + "'");
    }
    Map<String, Object> scalerState = read.map(c, "scaler");
    String scalerType = read.string(scalerState, "type");
    NumericScaler scaler;
    try {
      scaler =
          switch (scalerType) {
            case GmmScaler.TYPE -> GmmScaler.fromState(scalerState, read);
            case MinMaxScaler.TYPE -> MinMaxScaler.fromState(scalerState, read);
            case BoxCoxScaler.TYPE -> BoxCoxScaler.fromState(scalerState, read);
            case NormalScoreScaler.TYPE -> NormalScoreScaler.fromState(scalerState, read);
            default ->
                throw new ModelFormatException(
                    SOURCE,
                    "column '" + column.name() + "' has unknown scaler '" + scalerType + "'");
          };
    } catch (IllegalArgumentException e) {
      throw new ModelFormatException(
          SOURCE, "column '" + column.name() + "': " + e.getMessage(), e);
    }
    boolean withheld =
        c.containsKey(ContinuousCodec.WITHHELD) && read.bool(c, ContinuousCodec.WITHHELD);
    if (withheld && !column.nullable()) {
      throw new ModelFormatException(
          SOURCE, "column '" + column.name() + "' is withheld but not nullable");
    }
    return new ContinuousCodec(
        column,
        scaler,
        read.number(c, "min"),
        read.number(c, "max"),
        read.bool(c, "clip"),
        withheld);
  }
}

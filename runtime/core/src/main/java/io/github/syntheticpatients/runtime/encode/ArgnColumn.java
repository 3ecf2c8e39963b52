package io.github.syntheticpatients.runtime.encode;

import io.github.syntheticpatients.runtime.data.ValueRange;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one column becomes discrete sub-columns for the autoregressive generator, and back.
 *
 * <ul>
 *   <li><b>Categorical</b> (and binary): one sub-column over the schema's categories, plus a
 *       missing symbol when the column had missing values.
 *   <li><b>Numeric</b> (numbers, integers, dates, date-times): values live on a grid {@code low + g
 *       · step} (the column's precision: a lab's decimals, whole years, days), g from 0 to {@code
 *       top}. Two sub-columns: a quantile bin over grid ranges ({@code edges}), plus a missing
 *       symbol where needed, and the position inside the bin as one of {@code subBins} equal shares
 *       of the bin's grid points. A value is decoded to a grid point drawn uniformly inside its
 *       share, so every output is on the grid and within the value-protected bounds.
 *   <li><b>Withheld</b>: a column with too few values to protect; no sub-column, always missing.
 * </ul>
 *
 * The state holds grid, bin edges and counts only (fitted on value-protected numbers), never a
 * training value.
 */
public final class ArgnColumn {
  /** What the column is learned as. */
  public enum Kind {
    CATEGORICAL,
    NUMERIC,
    WITHHELD
  }

  private final String name;
  private final Kind kind;
  private final int categories;
  private final boolean missing;
  private final double low;
  private final double step;
  private final long[] edges;
  private final int subBins;
  private final int decimals;
  private final double scale;

  private ArgnColumn(
      String name,
      Kind kind,
      int categories,
      boolean missing,
      double low,
      double step,
      long[] edges,
      int subBins,
      int decimals) {
    this.name = name;
    this.kind = kind;
    this.categories = categories;
    this.missing = missing;
    this.low = low;
    this.step = step;
    this.edges = edges;
    this.subBins = subBins;
    this.decimals = decimals;
    double tens = 1;
    for (int d = 0; d < decimals; d++) {
      tens *= 10;
    }
    this.scale = tens;
  }

  /** A categorical column over {@code categories} categories. */
  public static ArgnColumn categorical(String name, int categories, boolean missing) {
    if (categories < 1) {
      throw new IllegalArgumentException("Column '" + name + "' has no categories");
    }
    return new ArgnColumn(name, Kind.CATEGORICAL, categories, missing, 0, 0, null, 0, -1);
  }

  /**
   * A numeric column on the grid {@code low + g · step}; bin b holds the grid points {@code
   * [edges[b], edges[b + 1])}, so {@code edges[0] = 0} and the last edge is the top grid point + 1.
   */
  public static ArgnColumn numeric(
      String name, boolean missing, double low, double step, long[] edges, int subBins) {
    return numeric(name, missing, low, step, edges, subBins, -1);
  }

  /**
   * As {@link #numeric(String, boolean, double, double, long[], int)}, with every decoded value
   * rounded to {@code decimals} decimals (−1: not rounded, as models written before 2026-12-07):
   * {@code low + g · step} in binary floating point lands beside the decimal (0.5 + 7 · 0.1 =
   * 1.2000000000000002), which column shapes count as another value and a tree detector can split
   * on.
   */
  public static ArgnColumn numeric(
      String name,
      boolean missing,
      double low,
      double step,
      long[] edges,
      int subBins,
      int decimals) {
    if (decimals < -1 || decimals > 15) {
      throw new IllegalArgumentException("Column '" + name + "' has " + decimals + " decimals");
    }
    if (edges.length < 2 || edges[0] != 0 || !(step > 0) || subBins < 1) {
      throw new IllegalArgumentException("Column '" + name + "' has an invalid grid or bins");
    }
    for (int b = 1; b < edges.length; b++) {
      if (edges[b] <= edges[b - 1]) {
        throw new IllegalArgumentException("Column '" + name + "' has empty or unordered bins");
      }
    }
    return new ArgnColumn(
        name, Kind.NUMERIC, 0, missing, low, step, edges.clone(), subBins, decimals);
  }

  /** A column that is never learned and always generated as missing. */
  public static ArgnColumn withheld(String name) {
    return new ArgnColumn(name, Kind.WITHHELD, 0, true, 0, 0, null, 0, -1);
  }

  public String name() {
    return name;
  }

  public Kind kind() {
    return kind;
  }

  /** How many sub-columns the column becomes: 1, 2 or 0. */
  public int subColumns() {
    return switch (kind) {
      case CATEGORICAL -> 1;
      case NUMERIC -> 2;
      case WITHHELD -> 0;
    };
  }

  /** The number of symbols of sub-column {@code part}. */
  public int vocabulary(int part) {
    return switch (kind) {
      case CATEGORICAL -> categories + (missing ? 1 : 0);
      case NUMERIC -> part == 0 ? bins() + (missing ? 1 : 0) : subBins;
      case WITHHELD -> throw new IllegalStateException("a withheld column has no sub-columns");
    };
  }

  /** The number of value bins of a numeric column. */
  public int bins() {
    return edges.length - 1;
  }

  /** The symbol that stands for a missing value in the first sub-column, or -1 if none. */
  public int missingSymbol() {
    if (!missing) {
      return -1;
    }
    return kind == Kind.CATEGORICAL ? categories : bins();
  }

  /** Writes the symbols of {@code value} (a {@code Table} cell) at {@code codes[offset…]}. */
  public void encode(double value, int[] codes, int offset) {
    switch (kind) {
      case CATEGORICAL -> codes[offset] = Double.isNaN(value) ? missingOrFail() : (int) value;
      case NUMERIC -> {
        if (Double.isNaN(value)) {
          codes[offset] = missingOrFail();
          codes[offset + 1] = 0;
          return;
        }
        long g = gridIndex(value);
        int bin = binOf(g);
        long start = edges[bin];
        long count = edges[bin + 1] - start;
        codes[offset] = bin;
        codes[offset + 1] = (int) ((g - start) * subBins / count);
      }
      case WITHHELD -> {
        // nothing is learned
      }
    }
  }

  /** The grid index nearest {@code value}, clipped to the grid (a numeric column's). */
  public long gridIndex(double value) {
    long top = edges[edges.length - 1] - 1;
    double g = Math.rint((value - low) / step);
    return g <= 0 ? 0 : g >= top ? top : (long) g;
  }

  private int missingOrFail() {
    if (!missing) {
      throw new IllegalArgumentException(
          "Column '" + name + "' has a missing value but was fitted without one");
    }
    return missingSymbol();
  }

  /** The value bin that holds grid point {@code g} (a numeric column's). */
  public int binOf(long g) {
    int lo = 0;
    int hi = edges.length - 2;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (edges[mid] <= g) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /**
   * The {@code Table} cell of the symbols at {@code codes[offset…]}; a numeric value is a grid
   * point drawn uniformly in its bin's share (one draw from {@code random}).
   */
  public double decode(int[] codes, int offset, RandomStream random) {
    return switch (kind) {
      case CATEGORICAL -> codes[offset] == missingSymbol() ? Double.NaN : codes[offset];
      case NUMERIC -> {
        int bin = codes[offset];
        if (bin == missingSymbol()) {
          yield Double.NaN;
        }
        long[] share = share(bin, codes[offset + 1]);
        long span = share[1] - share[0];
        yield gridValue(share[0] + (long) (random.nextDouble() * span));
      }
      case WITHHELD -> Double.NaN;
    };
  }

  /**
   * The grid points {@code [from, to)} of sub-bin {@code sub} of {@code bin}: those g with floor((g
   * − start) · subBins / count) = sub. A share with no grid point (a bin narrower than subBins
   * points) falls back to the nearest point above, so decoding never fails.
   */
  long[] share(int bin, int sub) {
    long start = edges[bin];
    long count = edges[bin + 1] - start;
    long from = start + ceilDiv((long) sub * count, subBins);
    long to = start + ceilDiv((long) (sub + 1) * count, subBins);
    if (to <= from) {
      from = Math.min(from, edges[bin + 1] - 1);
      to = from + 1;
    }
    return new long[] {from, to};
  }

  /**
   * The range a numeric column's decoded values lie in: its grid's first and last point.
   *
   * @throws IllegalStateException for a column that is not numeric
   */
  public ValueRange valueRange() {
    if (kind != Kind.NUMERIC) {
      throw new IllegalStateException("Column '" + name + "' is not numeric");
    }
    return new ValueRange(gridValue(0), gridValue(edges[edges.length - 1] - 1));
  }

  /**
   * The grid points {@code [from, to]} whose values lie in an interval (bounds may be infinite), or
   * null when none does: how a numeric range condition restricts this column.
   */
  public long[] gridPointsIn(double low, boolean lowInclusive, double high, boolean highInclusive) {
    long top = edges[edges.length - 1] - 1;
    long from = 0;
    if (low > Double.NEGATIVE_INFINITY) {
      double g = Math.ceil((low - this.low) / step);
      from = g <= 0 ? 0 : g > top ? top + 1 : (long) g;
      // The division may round either way: step to the first point that is really inside.
      while (from > 0 && above(gridValue(from - 1), low, lowInclusive)) {
        from--;
      }
      while (from <= top && !above(gridValue(from), low, lowInclusive)) {
        from++;
      }
    }
    long to = top;
    if (high < Double.POSITIVE_INFINITY) {
      double g = Math.floor((high - this.low) / step);
      to = g < 0 ? -1 : g >= top ? top : (long) g;
      while (to < top && below(gridValue(to + 1), high, highInclusive)) {
        to++;
      }
      while (to >= 0 && !below(gridValue(to), high, highInclusive)) {
        to--;
      }
    }
    return from <= to ? new long[] {from, to} : null;
  }

  private static boolean above(double value, double low, boolean inclusive) {
    return inclusive ? value >= low : value > low;
  }

  private static boolean below(double value, double high, boolean inclusive) {
    return inclusive ? value <= high : value < high;
  }

  /**
   * Which symbols of the bin sub-column hold a grid point in {@code [from, to]} (the missing symbol
   * never does).
   */
  public boolean[] binsMeeting(long from, long to) {
    boolean[] allowed = new boolean[vocabulary(0)];
    for (int b = 0; b < bins(); b++) {
      allowed[b] = edges[b] <= to && edges[b + 1] - 1 >= from;
    }
    return allowed;
  }

  /** Which shares of {@code bin} hold a grid point in {@code [from, to]}. */
  public boolean[] sharesMeeting(int bin, long from, long to) {
    boolean[] allowed = new boolean[subBins];
    for (int sub = 0; sub < subBins; sub++) {
      long[] share = share(bin, sub);
      allowed[sub] = share[0] <= to && share[1] - 1 >= from;
    }
    return allowed;
  }

  /**
   * As {@link #decode}, with a numeric value drawn uniformly among the grid points of its share
   * that lie in {@code [from, to]} (the symbols must come from {@link #binsMeeting} and {@link
   * #sharesMeeting}, so there is one).
   */
  public double decodeWithin(int[] codes, int offset, RandomStream random, long from, long to) {
    if (kind != Kind.NUMERIC) {
      throw new IllegalStateException("Column '" + name + "' is not numeric");
    }
    long[] share = share(codes[offset], codes[offset + 1]);
    long first = Math.max(share[0], from);
    long span = Math.min(share[1] - 1, to) - first + 1;
    if (span < 1) {
      throw new IllegalStateException("Column '" + name + "': the share lies outside the range");
    }
    return gridValue(first + (long) (random.nextDouble() * span));
  }

  /**
   * Whether sub-bin {@code sub} of {@code bin} (or the whole bin when {@code sub} is negative) has
   * a grid point with a value in {@code (above, atMost]}: a timeline's gap must be positive and
   * must not pass the patient's end of follow-up.
   */
  public boolean reaches(int bin, int sub, double above, double atMost) {
    long[] points = sub < 0 ? new long[] {edges[bin], edges[bin + 1]} : share(bin, sub);
    long[] range = within(points, above, atMost);
    return range[0] < range[1];
  }

  /**
   * As {@link #decode} for a numeric column, with the value drawn among the share's grid points in
   * {@code (above, atMost]}; the caller has checked with {@link #reaches} that there is one.
   */
  public double decodeWithin(
      int[] codes, int offset, double above, double atMost, RandomStream random) {
    int bin = codes[offset];
    if (kind != Kind.NUMERIC || bin == missingSymbol()) {
      return decode(codes, offset, random);
    }
    long[] share = share(bin, codes[offset + 1]);
    long[] range = within(share, above, atMost);
    if (range[0] >= range[1]) {
      throw new IllegalArgumentException(
          "Column '" + name + "': no grid point of the drawn share lies in the allowed range");
    }
    long span = range[1] - range[0];
    return gridValue(range[0] + (long) (random.nextDouble() * span));
  }

  /** The grid points of {@code [from, to)} whose values lie in {@code (above, atMost]}. */
  private long[] within(long[] points, double above, double atMost) {
    long from = points[0];
    long to = points[1];
    if (!Double.isInfinite(above)) {
      // The first grid index whose value is above: floor((above − low) / step) + 1.
      double first = Math.floor((above - low) / step + 1e-9) + 1;
      from = Math.max(from, (long) Math.max(first, Long.MIN_VALUE / 2.0));
    }
    if (!Double.isInfinite(atMost)) {
      double last = Math.floor((atMost - low) / step + 1e-9);
      to = Math.min(to, (long) Math.min(last + 1, Long.MAX_VALUE / 2.0));
    }
    return new long[] {from, Math.max(from, to)};
  }

  /**
   * The first grid point of bin {@code b}; {@code edge(bins())} is one past the last grid point.
   */
  public long edge(int b) {
    return edges[b];
  }

  /** The value of grid point {@code g}, rounded to the column's decimals where it has them. */
  public double gridValue(long g) {
    double value = low + g * step;
    return decimals < 0 ? value : Math.rint(value * scale) / scale;
  }

  private static long ceilDiv(long a, long b) {
    return -Math.floorDiv(-a, b);
  }

  /** The state as plain data for {@code model.json}. */
  public Map<String, Object> state() {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("column", name);
    state.put("kind", kind.name().toLowerCase(java.util.Locale.ROOT));
    state.put("missing", missing);
    if (kind == Kind.CATEGORICAL) {
      state.put("categories", categories);
    } else if (kind == Kind.NUMERIC) {
      state.put("low", low);
      state.put("step", step);
      List<Object> edgeList = new ArrayList<>();
      for (long e : edges) {
        edgeList.add(e);
      }
      state.put("edges", edgeList);
      state.put("subBins", subBins);
      if (decimals >= 0) {
        state.put("decimals", decimals);
      }
    }
    return state;
  }

  /** Reads {@link #state()}. */
  public static ArgnColumn fromState(Map<String, Object> state) {
    String name = String.valueOf(state.get("column"));
    boolean missing = Boolean.TRUE.equals(state.get("missing"));
    String kind = String.valueOf(state.get("kind"));
    return switch (kind) {
      case "categorical" -> categorical(name, number(state, "categories").intValue(), missing);
      case "numeric" -> {
        List<?> edgeList = (List<?>) state.get("edges");
        if (edgeList == null) {
          throw new IllegalArgumentException("Column '" + name + "' has no edges");
        }
        long[] edges = new long[edgeList.size()];
        for (int i = 0; i < edges.length; i++) {
          edges[i] = ((Number) edgeList.get(i)).longValue();
        }
        yield numeric(
            name,
            missing,
            number(state, "low").doubleValue(),
            number(state, "step").doubleValue(),
            edges,
            number(state, "subBins").intValue(),
            state.containsKey("decimals") ? number(state, "decimals").intValue() : -1);
      }
      case "withheld" -> withheld(name);
      default ->
          throw new IllegalArgumentException("Column '" + name + "' has unknown kind " + kind);
    };
  }

  private static Number number(Map<String, Object> state, String key) {
    Object value = state.get(key);
    if (!(value instanceof Number number)) {
      throw new IllegalArgumentException(
          "Column '" + state.get("column") + "' has no number '" + key + "'");
    }
    return number;
  }
}

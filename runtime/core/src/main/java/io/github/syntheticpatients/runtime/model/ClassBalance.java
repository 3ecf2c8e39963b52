package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A requested class distribution of one categorical or binary column, and the exact number of rows
 * of each class it gives. The one reader of the {@code balance} option. Grammar:
 *
 * <ul>
 *   <li>{@code death}: every category of {@code death} equally often;
 *   <li>{@code death:1=0.5}: category {@code 1} in half of the rows; the categories not listed
 *       share the rest equally;
 *   <li>{@code stage:4=0.4,3=0.3}: several shares, separated by commas; each is a number from 0 to
 *       1 and together they are at most 1 (exactly 1 when every category is listed).
 * </ul>
 *
 * <p>Counts are the shares times the rows, rounded by largest remainder (ties to the earlier
 * category), so they always add up to the rows asked for and depend on nothing random.
 *
 * @param column the balanced column
 * @param shares each category's share of the rows, in the column's category order; they sum to 1
 */
public record ClassBalance(String column, double[] shares) {
  private static final String PARAMETER = "balance";
  private static final double SUM_TOLERANCE = 1e-9;
  private static final double TIE_TOLERANCE = 1e-9;

  public ClassBalance {
    shares = shares.clone();
  }

  /**
   * Parses a balance expression against a schema.
   *
   * @param expression the option's value
   * @param schema the model's schema
   * @throws InvalidInputException naming parameter {@code balance} for an unknown or
   *     non-categorical column, an unknown or repeated category, a share that is not a number from
   *     0 to 1, or shares that sum to more than 1
   */
  public static ClassBalance parse(String expression, TableSchema schema) {
    String text = expression.strip();
    int colon = text.indexOf(':');
    String name = (colon < 0 ? text : text.substring(0, colon)).strip();
    if (name.isEmpty()) {
      throw invalid(text, "it names no column; write column or column:category=share");
    }
    ColumnSchema column =
        schema
            .column(name)
            .filter(ColumnSchema::isLearned)
            .orElseThrow(
                () ->
                    invalid(
                        text,
                        "the model has no column '" + name + "'; columns are " + learned(schema)));
    if (!column.kind().isDiscrete()) {
      throw invalid(
          text,
          "'"
              + name
              + "' is "
              + column.kind().name().toLowerCase(Locale.ROOT)
              + "; only a categorical or binary column can be balanced (for a numeric outcome use a"
              + " range condition such as "
              + name
              + ">=10)");
    }
    List<String> categories = column.categories();
    double[] shares = new double[categories.size()];
    if (colon < 0) {
      Arrays.fill(shares, 1.0 / shares.length);
      return new ClassBalance(name, shares);
    }
    boolean[] listed = new boolean[shares.length];
    double listedSum = 0;
    int listedCount = 0;
    for (String part : text.substring(colon + 1).split(",", -1)) {
      int eq = part.lastIndexOf('=');
      if (eq < 0) {
        throw invalid(
            text, "'" + part.strip() + "' is not category=share, e.g. " + example(column));
      }
      String category = part.substring(0, eq).strip();
      int index = column.categoryIndex(category);
      if (index < 0) {
        throw invalid(
            text,
            "unknown category '"
                + category
                + "' for column '"
                + name
                + "'; known categories: "
                + String.join(", ", categories));
      }
      if (listed[index]) {
        throw invalid(text, "category '" + category + "' is listed twice");
      }
      double share = share(text, part.substring(eq + 1).strip());
      listed[index] = true;
      shares[index] = share;
      listedSum += share;
      listedCount++;
    }
    if (listedSum > 1 + SUM_TOLERANCE) {
      throw invalid(
          text,
          String.format(
              Locale.ROOT,
              "the shares sum to %s, more than 1; lower them so that they sum to 1 or less",
              format(listedSum)));
    }
    int unlisted = shares.length - listedCount;
    if (unlisted == 0 && Math.abs(listedSum - 1) > SUM_TOLERANCE) {
      throw invalid(
          text,
          "every category is listed but the shares sum to "
              + format(listedSum)
              + "; they must sum to 1 (or leave a category out to give it the rest)");
    }
    double rest = Math.max(0, 1 - listedSum);
    for (int k = 0; k < shares.length; k++) {
      if (!listed[k]) {
        shares[k] = rest / unlisted;
      }
    }
    return new ClassBalance(name, shares);
  }

  /**
   * The rows of each class for {@code rows} rows in all: largest-remainder rounding of the shares,
   * ties to the earlier category.
   */
  public int[] counts(int rows) {
    int[] counts = new int[shares.length];
    double[] remainders = new double[shares.length];
    int assigned = 0;
    for (int k = 0; k < shares.length; k++) {
      double exact = shares[k] * rows;
      counts[k] = (int) Math.floor(exact);
      remainders[k] = exact - counts[k];
      assigned += counts[k];
    }
    for (int left = rows - assigned; left > 0; left--) {
      int best = -1;
      for (int k = 0; k < shares.length; k++) {
        // Remainders within rounding error of each other are a tie, which the earlier category
        // wins.
        if (shares[k] > 0 && (best < 0 || remainders[k] > remainders[best] + TIE_TOLERANCE)) {
          best = k;
        }
      }
      counts[best]++;
      remainders[best] = -1;
    }
    return counts;
  }

  private static double share(String text, String value) {
    double share;
    try {
      share = Double.parseDouble(value);
    } catch (NumberFormatException e) {
      share = Double.NaN;
    }
    if (!(share >= 0 && share <= 1)) {
      throw invalid(text, "share '" + value + "' is not a number from 0 to 1");
    }
    return share;
  }

  private static String example(ColumnSchema column) {
    return column.name() + ":" + column.categories().get(column.categories().size() - 1) + "=0.5";
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.6g", value).replaceAll("\\.?0+$", "");
  }

  private static List<String> learned(TableSchema schema) {
    List<String> names = new ArrayList<>();
    for (ColumnSchema c : schema.columns()) {
      if (c.isLearned()) {
        names.add(c.name());
      }
    }
    return names;
  }

  private static InvalidInputException invalid(String expression, String problem) {
    return InvalidInputException.inParameter(
        PARAMETER, "balance '" + expression + "' cannot be used: " + problem);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ClassBalance that
        && column.equals(that.column)
        && Arrays.equals(shares, that.shares);
  }

  @Override
  public int hashCode() {
    return 31 * column.hashCode() + Arrays.hashCode(shares);
  }

  @Override
  public String toString() {
    return "ClassBalance[" + column + ", " + Arrays.toString(shares) + "]";
  }

  @Override
  public double[] shares() {
    return shares.clone();
  }
}

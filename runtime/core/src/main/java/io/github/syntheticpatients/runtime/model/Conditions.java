package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parsed sampling conditions. Syntax, one condition per string:
 *
 * <ul>
 *   <li>{@code sex=f}: a category of a categorical or binary column (fixed through the generator's
 *       conditional vector where it has one);
 *   <li>{@code age>=60}, {@code age>60}, {@code age<=70}, {@code age<70}, {@code age=60..70}
 *       (inclusive), {@code bili=1.5}: ranges of numeric, integer and date columns (dates as ISO
 *       {@code 2020-01-31}), met by rejection within a time budget, or by the generator itself
 *       where it can ({@link RowSampler#rangeConditionable}: argn trained on any column order draws
 *       the column first, only among its values inside the range).
 * </ul>
 *
 * Several conditions on one numeric column intersect.
 *
 * @param categories fixed categories: column name to category index, in the order given
 * @param ranges numeric ranges by column name, in the order given
 */
public record Conditions(Map<String, Integer> categories, Map<String, Range> ranges) {

  private static final Pattern CONDITION =
      Pattern.compile("^\\s*([^<>=!\\s][^<>=!]*?)\\s*(<=|>=|<|>|=)\\s*(.*?)\\s*$");

  /** No conditions. */
  public static final Conditions NONE = new Conditions(Map.of(), Map.of());

  public Conditions {
    categories = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(categories));
    ranges = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(ranges));
  }

  /**
   * An interval of a continuous column, in the column's table units (epoch day or second for
   * dates).
   *
   * @param low lower bound (-∞ for none)
   * @param lowInclusive whether the lower bound is allowed
   * @param high upper bound (+∞ for none)
   * @param highInclusive whether the upper bound is allowed
   */
  public record Range(double low, boolean lowInclusive, double high, boolean highInclusive) {
    static final Range ALL =
        new Range(Double.NEGATIVE_INFINITY, true, Double.POSITIVE_INFINITY, true);

    /** Whether a value lies in the range (a missing value never does). */
    public boolean contains(double value) {
      if (Double.isNaN(value)) {
        return false;
      }
      boolean aboveLow = lowInclusive ? value >= low : value > low;
      boolean belowHigh = highInclusive ? value <= high : value < high;
      return aboveLow && belowHigh;
    }

    Range intersect(Range other) {
      double newLow = Math.max(low, other.low);
      boolean newLowInclusive =
          low == other.low
              ? lowInclusive && other.lowInclusive
              : (newLow == low ? lowInclusive : other.lowInclusive);
      double newHigh = Math.min(high, other.high);
      boolean newHighInclusive =
          high == other.high
              ? highInclusive && other.highInclusive
              : (newHigh == high ? highInclusive : other.highInclusive);
      return new Range(newLow, newLowInclusive, newHigh, newHighInclusive);
    }

    boolean isEmpty() {
      return low > high || (low == high && !(lowInclusive && highInclusive));
    }
  }

  /** Whether there is nothing to meet. */
  public boolean isEmpty() {
    return categories.isEmpty() && ranges.isEmpty();
  }

  /**
   * Parses condition strings against a schema.
   *
   * @throws InvalidInputException naming parameter {@code conditions} when a condition is
   *     malformed, names an unknown column or category, or cannot be met
   */
  public static Conditions parse(Collection<String> expressions, TableSchema schema) {
    Map<String, Integer> categories = new LinkedHashMap<>();
    Map<String, Range> ranges = new LinkedHashMap<>();
    for (String expression : expressions) {
      if (expression == null || expression.isBlank()) {
        continue;
      }
      Matcher matcher = CONDITION.matcher(expression);
      if (!matcher.matches()) {
        throw invalid(
            expression, "it is not of the form column=value, column>=number or column=low..high");
      }
      String name = matcher.group(1);
      String operator = matcher.group(2);
      String value = matcher.group(3);
      if (operator.equals("=") && value.startsWith("=")) {
        // "sex == f" would otherwise read as the value "= f" and fail as an unknown category.
        throw invalid(
            expression,
            "'==' is not an operator; write " + name + "=" + value.substring(1).strip());
      }
      ColumnSchema column =
          schema
              .column(name)
              .filter(c -> !c.dropped())
              .orElseThrow(
                  () ->
                      invalid(
                          expression,
                          "the model has no column '"
                              + name
                              + "'; columns are "
                              + columnNames(schema)));
      if (column.kind() == ColumnKind.IDENTIFIER) {
        throw invalid(
            expression,
            "'" + name + "' is an identifier column; identifiers are generated, not sampled");
      }
      if (column.kind().isDiscrete()) {
        if (!operator.equals("=")) {
          throw invalid(expression, "'" + name + "' is categorical; use " + name + "=<category>");
        }
        int index = column.categoryIndex(value);
        if (index < 0) {
          throw invalid(
              expression,
              "unknown category '"
                  + value
                  + "' for column '"
                  + name
                  + "'; known categories: "
                  + String.join(", ", column.categories()));
        }
        Integer previous = categories.put(name, index);
        if (previous != null && previous != index) {
          throw invalid(expression, "column '" + name + "' is already fixed to another category");
        }
      } else {
        Range range = parseRange(expression, column, operator, value);
        Range combined = ranges.getOrDefault(name, Range.ALL).intersect(range);
        if (combined.isEmpty()) {
          throw invalid(
              expression,
              "together with the other conditions on '" + name + "' no value is possible");
        }
        ranges.put(name, combined);
      }
    }
    return new Conditions(categories, ranges);
  }

  private static Range parseRange(
      String expression, ColumnSchema column, String operator, String value) {
    if (operator.equals("=")) {
      int dots = value.indexOf("..");
      if (dots >= 0) {
        double low = parseNumber(expression, column, value.substring(0, dots).trim());
        double high = parseNumber(expression, column, value.substring(dots + 2).trim());
        if (low > high) {
          throw invalid(expression, "the range is empty (" + value + ")");
        }
        return new Range(low, true, high, true);
      }
      double exact = parseNumber(expression, column, value);
      return new Range(exact, true, exact, true);
    }
    double bound = parseNumber(expression, column, value);
    return switch (operator) {
      case ">=" -> new Range(bound, true, Double.POSITIVE_INFINITY, true);
      case ">" -> new Range(bound, false, Double.POSITIVE_INFINITY, true);
      case "<=" -> new Range(Double.NEGATIVE_INFINITY, true, bound, true);
      case "<" -> new Range(Double.NEGATIVE_INFINITY, true, bound, false);
      default -> throw invalid(expression, "unsupported operator " + operator);
    };
  }

  private static double parseNumber(String expression, ColumnSchema column, String text) {
    try {
      return switch (column.kind()) {
        case DATE -> LocalDate.parse(text).toEpochDay();
        case DATETIME -> LocalDateTime.parse(text).toEpochSecond(ZoneOffset.UTC);
        default -> finite(Double.parseDouble(text));
      };
    } catch (NumberFormatException | DateTimeParseException e) {
      String expected =
          switch (column.kind()) {
            case DATE -> "an ISO date such as 2020-01-31";
            case DATETIME -> "an ISO date-time such as 2020-01-31T08:00";
            default -> "a number";
          };
      throw invalid(
          expression, "'" + text + "' is not " + expected + " (column '" + column.name() + "')");
    }
  }

  /**
   * NaN or an infinite bound would make a range no sampled value can meet: rejection would spin to
   * the budget.
   */
  private static double finite(double value) {
    if (!Double.isFinite(value)) {
      throw new NumberFormatException("not finite");
    }
    return value;
  }

  private static List<String> columnNames(TableSchema schema) {
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
        "conditions", "Condition '" + expression.trim() + "' cannot be used: " + problem);
  }
}

package io.github.syntheticpatients.runtime.io.csv;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Strict parsing of CSV field text: plain decimal numbers and ISO 8601 dates. Shared by the table
 * reader and schema inference so both agree on what a number or a date is.
 */
public final class CsvValues {
  /**
   * Placeholders that mean "no value" in a number or date column, but may be real text elsewhere.
   */
  public static final java.util.Set<String> PLACEHOLDERS = java.util.Set.of("-", "--", ".");

  private CsvValues() {}

  /**
   * Whether the text is a placeholder for a missing number or date ({@code -}, {@code --}, {@code
   * .}). Readers treat it as missing in number and date columns only: in a text column {@code -}
   * can be a result (negative).
   */
  public static boolean isPlaceholder(String text) {
    return text.length() <= 2 && PLACEHOLDERS.contains(text); // length first: called on every cell
  }

  /**
   * Whether the text is a plain decimal number: optional sign, digits with an optional decimal
   * point, optional exponent. Rejects what {@link Double#parseDouble} would also accept but a CSV
   * author would not mean as a number ({@code NaN}, {@code Infinity}, {@code 1d}, hex).
   */
  public static boolean isNumber(String text) {
    int n = text.length();
    int i = 0;
    if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      i++;
    }
    int digits = 0;
    while (i < n && isDigit(text.charAt(i))) {
      i++;
      digits++;
    }
    if (i < n && text.charAt(i) == '.') {
      i++;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
        digits++;
      }
    }
    if (digits == 0) {
      return false;
    }
    if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
      i++;
      if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
        i++;
      }
      int exponentDigits = 0;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
        exponentDigits++;
      }
      if (exponentDigits == 0) {
        return false;
      }
    }
    return i == n;
  }

  /** The number, or NaN when the text is not a plain decimal number (see {@link #isNumber}). */
  public static double parseNumber(String text) {
    if (!isNumber(text)) {
      return Double.NaN;
    }
    double value = Double.parseDouble(text);
    return Double.isInfinite(value) ? Double.NaN : value;
  }

  /**
   * Digits after the decimal point as written, adjusted for an exponent ({@code 1.25e1} has 1); 0
   * for whole numbers. The text must be a number.
   */
  public static int decimals(String text) {
    int point = text.indexOf('.');
    int exponentAt = Math.max(text.indexOf('e'), text.indexOf('E'));
    int end = exponentAt < 0 ? text.length() : exponentAt;
    int fraction = point < 0 ? 0 : end - point - 1;
    if (exponentAt >= 0) {
      String exponent = text.substring(exponentAt + 1);
      try {
        fraction -= Integer.parseInt(exponent.startsWith("+") ? exponent.substring(1) : exponent);
      } catch (NumberFormatException e) {
        return fraction;
      }
    }
    return Math.max(0, fraction);
  }

  /**
   * A number written with a decimal comma, rewritten with a decimal point: {@code 61,5} as {@code
   * 61.5}, {@code -0,25} as {@code -0.25}, and with dots grouping thousands ({@code 1.234,5} as
   * {@code 1234.5}, {@code 1.234.567} and {@code 1.234} as {@code 1234567} and {@code 1234}: where
   * the comma is the decimal separator, a dot between groups of three digits can only group
   * thousands). Null when the text is no such number (plain digits need no rewriting; {@code 61.5}
   * and {@code 0.125} are not grouped thousands).
   */
  public static String decimalCommaToPoint(String text) {
    int n = text.length();
    int i = 0;
    if (i < n && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
      i++;
    }
    int start = i;
    while (i < n && isDigit(text.charAt(i))) {
      i++;
    }
    int leading = i - start;
    if (leading == 0) {
      return null;
    }
    boolean grouped = false;
    if (i < n && text.charAt(i) == '.') {
      // Thousands groups: 1 to 3 leading digits, not starting with 0, then groups of exactly 3.
      if (leading > 3 || text.charAt(start) == '0') {
        return null;
      }
      while (i < n && text.charAt(i) == '.') {
        if (i + 4 > n) {
          return null;
        }
        for (int d = 1; d <= 3; d++) {
          if (!isDigit(text.charAt(i + d))) {
            return null;
          }
        }
        i += 4;
        grouped = true;
      }
    }
    boolean fraction = false;
    if (i < n && text.charAt(i) == ',') {
      int comma = i++;
      while (i < n && isDigit(text.charAt(i))) {
        i++;
      }
      if (i == comma + 1) {
        return null;
      }
      fraction = true;
    }
    if (i != n || (!grouped && !fraction)) {
      return null;
    }
    return text.replace(".", "").replace(',', '.');
  }

  /** Whether a number is whole and exactly representable as a long-valued double. */
  public static boolean isIntegral(double value) {
    return value == Math.rint(value) && Math.abs(value) <= 9.007199254740992E15;
  }

  /** The epoch day of an ISO date ({@code 2024-02-29}), or NaN when the text is not one. */
  public static double parseDate(String text) {
    if (text.length() != 10 || text.charAt(4) != '-' || text.charAt(7) != '-') {
      return Double.NaN;
    }
    // Hand-parsed: LocalDate.parse goes through a DateTimeFormatter, several times slower on a
    // million rows.
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 7);
    int day = digits(text, 8, 10);
    if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31) {
      return Double.NaN;
    }
    try {
      return LocalDate.of(year, month, day).toEpochDay();
    } catch (DateTimeException e) {
      return Double.NaN; // e.g. 2023-02-29
    }
  }

  /** The value of the decimal digits text[from, to), or -1 if any is not a digit. */
  private static int digits(String text, int from, int to) {
    int value = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  /**
   * The epoch second (UTC) of an ISO date-time ({@code 2024-02-29T13:45:00}, also with a space
   * instead of {@code T}, without seconds, with fractions of a second (truncated), or with an
   * offset such as {@code Z} or {@code +01:00}, which is converted to UTC). Returns NaN when the
   * text is not one.
   */
  public static double parseDateTime(String text) {
    if (text.length() < 16 || text.charAt(4) != '-' || text.charAt(7) != '-') {
      return Double.NaN;
    }
    char separator = text.charAt(10);
    if (separator != 'T' && separator != ' ') {
      return Double.NaN;
    }
    String iso = separator == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
    try {
      return LocalDateTime.parse(iso).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      try {
        return OffsetDateTime.parse(iso).toEpochSecond();
      } catch (DateTimeParseException e2) {
        return Double.NaN;
      }
    }
  }

  /**
   * An ISO date read as midnight, or an ISO date-time, in epoch seconds (UTC); NaN when neither.
   */
  public static double parseDateOrDateTime(String text) {
    double day = parseDate(text);
    return Double.isNaN(day) ? parseDateTime(text) : day * 86_400d;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }
}

package io.github.syntheticpatients.runtime.io.csv;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How to read a CSV file. Files are UTF-8, with or without a byte order mark; fields may be quoted
 * with {@code "} (a quoted field may hold the delimiter, quotes doubled, or line breaks); leading
 * and trailing blanks of a field are ignored.
 *
 * @param delimiter the field separator, or null to detect {@code ,}, {@code ;} or tab from the
 *     header line (the one that occurs most often outside quotes; comma on a tie or when none
 *     occurs)
 * @param naTokens field values that mean "missing", compared exactly (case-sensitive) after
 *     trimming blanks
 * @param decimalSeparator {@code '.'} or {@code ','}, or null when not set: schema inference then
 *     detects it, and readers take it from the schema ({@code '.'} when the schema does not say). A
 *     decimal comma applies only to files whose delimiter is not a comma; there a number may also
 *     group thousands with dots ({@code 1.234,5}), and a dot between groups of three digits is
 *     always a thousands separator ({@code 1.234} is 1234), see {@link
 *     CsvValues#decimalCommaToPoint}
 */
public record CsvOptions(Character delimiter, Set<String> naTokens, Character decimalSeparator) {
  /**
   * The default missing-value tokens, missing in every column: the empty field, {@code NA}, {@code
   * N/A}, {@code n/a}, {@code #N/A}, {@code NaN}, {@code nan}, {@code null}, {@code NULL} and
   * {@code ?}. Words such as {@code unknown}, {@code missing} or {@code none} are not among them,
   * since in a text column they are often a real answer; name them with {@code
   * synthetic.missingValues} where they mean missing. The placeholders {@code -}, {@code --} and
   * {@code .} are missing only in number and date columns ({@link CsvValues#isPlaceholder}), since
   * {@code -} is also a lab result (negative).
   */
  public static final Set<String> DEFAULT_NA_TOKENS =
      orderedSet(List.of("", "NA", "N/A", "n/a", "#N/A", "NaN", "nan", "null", "NULL", "?"));

  /**
   * The option and property suffix that adds missing-value tokens ({@code
   * synthetic.missingValues}).
   */
  public static final String MISSING_VALUES_OPTION = "missingValues";

  /**
   * The option and property suffix that sets the decimal separator ({@code
   * synthetic.decimalSeparator}), and its name in the schema file.
   */
  public static final String DECIMAL_SEPARATOR_OPTION = "decimalSeparator";

  public CsvOptions {
    if (delimiter != null && (delimiter == '"' || delimiter == '\n' || delimiter == '\r')) {
      throw new IllegalArgumentException(
          "CSV delimiter cannot be a quote or a line break: " + delimiter);
    }
    if (decimalSeparator != null && decimalSeparator != '.' && decimalSeparator != ',') {
      throw new IllegalArgumentException(
          "The decimal separator must be '.' or ',', not '" + decimalSeparator + "'");
    }
    naTokens = naTokens == null ? DEFAULT_NA_TOKENS : orderedSet(naTokens);
  }

  /**
   * Options with the decimal separator not set (detected at inference, the schema's at reading).
   */
  public CsvOptions(Character delimiter, Set<String> naTokens) {
    this(delimiter, naTokens, null);
  }

  /** Detected delimiter and the default missing-value tokens. */
  public static CsvOptions defaults() {
    return new CsvOptions(null, DEFAULT_NA_TOKENS);
  }

  /** A copy with a fixed delimiter. */
  public CsvOptions withDelimiter(char newDelimiter) {
    return new CsvOptions(newDelimiter, naTokens, decimalSeparator);
  }

  /** A copy with other missing-value tokens (replacing the defaults). */
  public CsvOptions withNaTokens(Collection<String> tokens) {
    return new CsvOptions(delimiter, orderedSet(tokens), decimalSeparator);
  }

  /** A copy with this decimal separator ({@code '.'}, {@code ','} or null for not set). */
  public CsvOptions withDecimalSeparator(Character separator) {
    return new CsvOptions(delimiter, naTokens, separator);
  }

  /**
   * The decimal separator a user wrote for {@code parameter} ({@code "."} or {@code ","}, blanks
   * ignored), or null when blank or null (then inference detects it).
   *
   * @throws InvalidInputException naming the parameter for anything else
   */
  public static Character parseDecimalSeparator(String value, String parameter) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String trimmed = value.strip();
    if (!trimmed.equals(".") && !trimmed.equals(",")) {
      throw InvalidInputException.inParameter(
          parameter,
          parameter
              + " is '"
              + trimmed
              + "'; set it to '.' (61.5) or ',' (61,5), or leave it out to have it detected");
    }
    return trimmed.charAt(0);
  }

  /** A copy that also reads these field values as missing (blanks around each are ignored). */
  public CsvOptions withExtraNaTokens(Collection<String> tokens) {
    if (tokens == null || tokens.isEmpty()) {
      return this;
    }
    Set<String> all = new LinkedHashSet<>(naTokens);
    tokens.forEach(token -> all.add(token.strip()));
    return new CsvOptions(delimiter, all, decimalSeparator);
  }

  /**
   * A copy that reads the data as the schema says: its missing-value tokens too, and its decimal
   * separator unless these options set one.
   */
  public CsvOptions withSchema(TableSchema schema) {
    CsvOptions withTokens = withExtraNaTokens(schema.missingValues());
    return decimalSeparator != null
        ? withTokens
        : withTokens.withDecimalSeparator(schema.decimalSeparator());
  }

  /**
   * The tokens of a comma-separated list as a user writes it ({@code
   * -Dsynthetic.missingValues=unknown,not done}), blanks around each ignored, empty entries
   * skipped; empty for null.
   */
  public static List<String> parseTokenList(String commaSeparated) {
    if (commaSeparated == null) {
      return List.of();
    }
    return java.util.Arrays.stream(commaSeparated.split(","))
        .map(String::strip)
        .filter(token -> !token.isEmpty())
        .distinct()
        .toList();
  }

  /** Whether a trimmed field value means "missing". */
  public boolean isMissing(String value) {
    return naTokens.contains(value);
  }

  private static Set<String> orderedSet(Collection<String> tokens) {
    // Unmodifiable but in the given order, so messages listing the tokens are stable.
    return java.util.Collections.unmodifiableSet(new LinkedHashSet<>(tokens));
  }
}

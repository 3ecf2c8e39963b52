package io.github.syntheticpatients.runtime.io.csv;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * How to read a CSV file. Files are UTF-8, with or without a byte order mark; fields may be quoted with {@code "}
 * (a quoted field may hold the delimiter, quotes doubled, or line breaks); leading and trailing blanks of a field
 * are ignored.
 *
 * @param delimiter the field separator, or null to detect {@code ,}, {@code ;} or tab from the header line (the
 *     one that occurs most often outside quotes; comma on a tie or when none occurs)
 * @param naTokens field values that mean "missing", compared exactly (case-sensitive) after trimming blanks
 */
public record CsvOptions(Character delimiter, Set<String> naTokens) {
  /** The default missing-value tokens: the empty field, {@code NA}, {@code NaN}, {@code null} and {@code ?}. */
  public static final Set<String> DEFAULT_NA_TOKENS = orderedSet(List.of("", "NA", "NaN", "null", "?"));

  public CsvOptions {
    if (delimiter != null && (delimiter == '"' || delimiter == '\n' || delimiter == '\r')) {
      throw new IllegalArgumentException("CSV delimiter cannot be a quote or a line break: " + delimiter);
    }
    naTokens = naTokens == null ? DEFAULT_NA_TOKENS : orderedSet(naTokens);
  }

  /** Detected delimiter and the default missing-value tokens. */
  public static CsvOptions defaults() {
    return new CsvOptions(null, DEFAULT_NA_TOKENS);
  }

  /** A copy with a fixed delimiter. */
  public CsvOptions withDelimiter(char newDelimiter) {
    return new CsvOptions(newDelimiter, naTokens);
  }

  /** A copy with other missing-value tokens (replacing the defaults). */
  public CsvOptions withNaTokens(Collection<String> tokens) {
    return new CsvOptions(delimiter, orderedSet(tokens));
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

package io.github.syntheticpatients.runtime.schema.inference;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.io.csv.CsvValues;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells from the values of a file whose delimiter is not a comma whether its numbers use a decimal
 * comma ({@code 61,5}), so that inference does not make {@code age} categories and {@code
 * platelets} an identifier. Fed the raw values of the first pass; decides per column, then for the
 * file:
 *
 * <ul>
 *   <li>a <b>comma column</b> is text read with decimal points but numbers, all but {@value
 *       SchemaInference#MAX_UNPARSED_SHARE_PERCENT} %, read with a decimal comma;
 *   <li>a <b>point column</b> writes a number with a decimal point that cannot be thousands grouped
 *       ({@code 61.5}, {@code 0.125}), in a column that is numbers in either reading;
 *   <li>an <b>ambiguous column</b> is numbers whose only dots stand before exactly three digits
 *       ({@code 1.250}: 1.25 or 1250?), with no decimal comma to settle it.
 * </ul>
 *
 * A decimal comma is chosen when there is a comma column and neither a point nor an ambiguous
 * column; with a comma column and one of the others, inference refuses, naming both, rather than
 * guess. Without a comma column nothing changes (a decimal point).
 */
final class DecimalSeparatorDetector {
  private final List<String> names;
  private final long[] present;
  private final long[] pointNumbers;
  private final long[] commaNumbers;
  private final long[] commaWritten;
  private final long[] pointWritten;
  private final long[] groupedOnly;

  DecimalSeparatorDetector(List<String> names) {
    this.names = names;
    int n = names.size();
    present = new long[n];
    pointNumbers = new long[n];
    commaNumbers = new long[n];
    commaWritten = new long[n];
    pointWritten = new long[n];
    groupedOnly = new long[n];
  }

  /** One raw field of column {@code c}; null when missing. */
  void accept(int c, String value) {
    if (value == null || CsvValues.isPlaceholder(value)) {
      return;
    }
    present[c]++;
    boolean pointNumber = CsvValues.isNumber(value);
    String rewritten = CsvValues.decimalCommaToPoint(value);
    if (pointNumber) {
      pointNumbers[c]++;
      if (value.indexOf('.') >= 0) {
        if (rewritten == null) {
          pointWritten[c]++; // 61.5: a decimal point, whatever the file's convention
        } else {
          groupedOnly[c]++; // 1.250: a decimal point or thousands, cannot tell
        }
      }
    }
    if (rewritten != null && !pointNumber) {
      commaWritten[c]++; // 61,5 or 1.234,5 or 1.234.567
    }
    if (pointNumber || rewritten != null) {
      commaNumbers[c]++;
    }
  }

  /** What the values say about the file's decimal separator. */
  record Verdict(
      boolean decimalComma,
      List<String> commaColumns,
      List<String> pointColumns,
      List<String> ambiguousColumns) {

    /** Whether the columns disagree: some with a decimal comma, others not. */
    boolean conflicting() {
      return !commaColumns.isEmpty() && (!pointColumns.isEmpty() || !ambiguousColumns.isEmpty());
    }
  }

  Verdict verdict() {
    List<String> comma = new ArrayList<>();
    List<String> point = new ArrayList<>();
    List<String> ambiguous = new ArrayList<>();
    for (int c = 0; c < names.size(); c++) {
      long allowed = ColumnProfile.allowedStrays(present[c]);
      boolean numbersWithPoint = present[c] > 0 && present[c] - pointNumbers[c] <= allowed;
      boolean numbersWithComma = present[c] > 0 && present[c] - commaNumbers[c] <= allowed;
      if (pointWritten[c] > 0 && (numbersWithPoint || numbersWithComma)) {
        point.add(names.get(c));
      }
      if (commaWritten[c] > 0 && numbersWithComma && !numbersWithPoint) {
        comma.add(names.get(c));
      } else if (groupedOnly[c] > 0 && pointWritten[c] == 0 && numbersWithPoint) {
        ambiguous.add(names.get(c));
      }
    }
    boolean decimalComma = !comma.isEmpty() && point.isEmpty() && ambiguous.isEmpty();
    return new Verdict(decimalComma, comma, point, ambiguous);
  }

  /**
   * The refusal for conflicting columns, naming them and the option.
   *
   * @param property the user's setting, {@code synthetic.decimalSeparator}
   */
  static InvalidInputException conflict(Path source, Verdict verdict, String property) {
    StringBuilder problem =
        new StringBuilder("the columns ")
            .append(verdict.commaColumns())
            .append(" write numbers with a decimal comma (61,5), but ");
    if (!verdict.pointColumns().isEmpty()) {
      problem
          .append(verdict.pointColumns())
          .append(" write them with a decimal point (61.5)")
          .append(verdict.ambiguousColumns().isEmpty() ? "" : ", and ");
    }
    if (!verdict.ambiguousColumns().isEmpty()) {
      problem
          .append(verdict.ambiguousColumns())
          .append(" write a dot before three digits (1.250: 1.25, or 1250 with a thousands dot?)");
    }
    return InvalidInputException.inFile(
        source,
        -1,
        null,
        problem
            + "; so the decimal separator cannot be told. Set "
            + property
            + " to ',' (dots then group thousands) or '.' (then the decimal-comma columns are text),"
            + " or write every number alike");
  }
}

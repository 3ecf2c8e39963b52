package io.github.syntheticpatients.runtime.schema;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.ColumnView;
import java.util.List;
import java.util.Objects;

/**
 * One column of a table: its name, kind, whether it may be missing, and for discrete columns the
 * categories in the order they are encoded.
 *
 * @param name the CSV header name
 * @param kind how the column is learned
 * @param nullable whether missing values occur (and are modelled)
 * @param missingRate share of missing values seen when the schema was inferred (informational)
 * @param categories the allowed values of a discrete column, as written in the CSV; empty otherwise
 * @param decimals digits after the decimal point that synthetic numeric values are rounded to
 * @param dropped whether the column is read past and neither learned nor generated
 * @param staticAttribute in longitudinal data, whether the value is constant within a patient (sex,
 *     baseline age, treatment arm) and generated once per patient rather than per visit; always
 *     false in tabular data
 * @param identifierShape for an identifier, how its synthetic values look ({@link
 *     IdentifierShape}); null (read as {@link IdentifierShape#SEQUENCE}) for other kinds
 * @param protectedValues how many distinct values were held by fewer than k records when the schema
 *     was inferred and so were replaced by {@link ValueProtection#RARE_CATEGORY} or, in a code
 *     column, generalised to an ancestor code ({@link CodeHierarchy}); a count, never the values
 * @param unparsedValues how many values were not of the column's kind when the schema was inferred
 *     (stray text in a number or date column); when above 0, reading treats such values as missing,
 *     with a warning, instead of failing
 * @param reason why inference chose this kind or dropped the column, for the person reviewing the
 *     schema; null when there is nothing to say
 * @param codes for a clinical code column (diagnosis, procedure or drug codes), its code system,
 *     shared vocabulary and protection counts ({@link CodeColumn}); null for any other column
 */
public record ColumnSchema(
    String name,
    ColumnKind kind,
    boolean nullable,
    double missingRate,
    List<String> categories,
    int decimals,
    boolean dropped,
    boolean staticAttribute,
    String identifierShape,
    int protectedValues,
    int unparsedValues,
    String reason,
    CodeColumn codes)
    implements ColumnView {

  public ColumnSchema {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    categories = categories == null ? List.of() : List.copyOf(categories);
    identifierShape = kind == ColumnKind.IDENTIFIER ? IdentifierShape.check(identifierShape) : null;
    if (protectedValues < 0 || unparsedValues < 0) {
      throw new IllegalArgumentException(
          "Column '"
              + name
              + "' has a negative count of protected ("
              + protectedValues
              + ") or unparsed ("
              + unparsedValues
              + ") values");
    }
    if (codes != null && !kind.isDiscrete()) {
      throw new IllegalArgumentException(
          "Column '" + name + "' is " + kind + " but holds codes; codes are categorical");
    }
    if (kind.isDiscrete() && categories.isEmpty()) {
      throw new IllegalArgumentException(
          "Column '" + name + "' is " + kind + " but lists no categories");
    }
    if (kind == ColumnKind.BINARY && categories.size() != 2) {
      throw new IllegalArgumentException(
          "Column '"
              + name
              + "' is BINARY but has "
              + categories.size()
              + " categories "
              + categories
              + "; mark it CATEGORICAL instead");
    }
  }

  /** A column that holds no clinical codes. */
  public ColumnSchema(
      String name,
      ColumnKind kind,
      boolean nullable,
      double missingRate,
      List<String> categories,
      int decimals,
      boolean dropped,
      boolean staticAttribute,
      String identifierShape,
      int protectedValues,
      int unparsedValues,
      String reason) {
    this(
        name,
        kind,
        nullable,
        missingRate,
        categories,
        decimals,
        dropped,
        staticAttribute,
        identifierShape,
        protectedValues,
        unparsedValues,
        reason,
        null);
  }

  /** A column that is not a static attribute (every tabular column). */
  public ColumnSchema(
      String name,
      ColumnKind kind,
      boolean nullable,
      double missingRate,
      List<String> categories,
      int decimals,
      boolean dropped) {
    this(name, kind, nullable, missingRate, categories, decimals, dropped, false);
  }

  /** A column without identifier shape, protected or unparsed values, or reason. */
  public ColumnSchema(
      String name,
      ColumnKind kind,
      boolean nullable,
      double missingRate,
      List<String> categories,
      int decimals,
      boolean dropped,
      boolean staticAttribute) {
    this(
        name,
        kind,
        nullable,
        missingRate,
        categories,
        decimals,
        dropped,
        staticAttribute,
        null,
        0,
        0,
        null);
  }

  /** A copy marked static (constant within a patient) or time-varying. */
  public ColumnSchema withStaticAttribute(boolean value) {
    return new ColumnSchema(
        name,
        kind,
        nullable,
        missingRate,
        categories,
        decimals,
        dropped,
        value,
        identifierShape,
        protectedValues,
        unparsedValues,
        reason,
        codes);
  }

  /** A copy with the reason inference gives for its choice. */
  public ColumnSchema withReason(String value) {
    return new ColumnSchema(
        name,
        kind,
        nullable,
        missingRate,
        categories,
        decimals,
        dropped,
        staticAttribute,
        identifierShape,
        protectedValues,
        unparsedValues,
        value,
        codes);
  }

  /** A copy of another kind (categories are kept only for discrete kinds). */
  public ColumnSchema withKind(ColumnKind value) {
    return new ColumnSchema(
        name,
        value,
        nullable,
        missingRate,
        value.isDiscrete() ? categories : List.of(),
        decimals,
        dropped,
        staticAttribute,
        identifierShape,
        value.isDiscrete() ? protectedValues : 0,
        unparsedValues,
        reason,
        value.isDiscrete() ? codes : null);
  }

  /** A copy that holds codes as {@code value} says (null: no codes). */
  public ColumnSchema withCodes(CodeColumn value) {
    return new ColumnSchema(
        name,
        kind,
        nullable,
        missingRate,
        categories,
        decimals,
        dropped,
        staticAttribute,
        identifierShape,
        protectedValues,
        unparsedValues,
        reason,
        value);
  }

  /** A column that is learned and generated (not dropped, not an identifier). */
  public boolean isLearned() {
    return !dropped && kind != ColumnKind.IDENTIFIER;
  }

  /**
   * Whether rare and unknown values of this discrete column are read as {@link
   * ValueProtection#RARE_CATEGORY}.
   */
  public boolean hasRareCategory() {
    return categories.contains(ValueProtection.RARE_CATEGORY);
  }

  /** Whether the column holds clinical codes ({@link #codes()} is set). */
  public boolean isCodeColumn() {
    return codes != null;
  }

  /** The position of a category, or -1 if the value is not one of this column's categories. */
  public int categoryIndex(String value) {
    return categories.indexOf(value);
  }
}

package io.github.syntheticpatients.runtime;

/** What a column holds, which decides how it is encoded, learned and written back. */
public enum ColumnKind {
  /** Real-valued measurement. */
  NUMERIC,
  /** Whole-number measurement; synthetic values are rounded back. */
  INTEGER,
  /** Two categories. */
  BINARY,
  /** A finite set of categories, including numeric codes such as stage 1-4. */
  CATEGORICAL,
  /** A calendar date (ISO 8601), learned as a day number. */
  DATE,
  /** A date and time (ISO 8601), learned as seconds since the epoch. */
  DATETIME,
  /** A per-row identifier: never learned nor copied; synthetic ids are generated. */
  IDENTIFIER;

  /** Whether the column is learned as one-hot categories. */
  public boolean isDiscrete() {
    return this == BINARY || this == CATEGORICAL;
  }

  /** Whether the column is learned as a number. */
  public boolean isContinuous() {
    return this == NUMERIC || this == INTEGER || this == DATE || this == DATETIME;
  }
}

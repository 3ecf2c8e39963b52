package io.github.syntheticpatients.runtime;

import java.util.List;

/** A read-only view of one column of a {@link SchemaView}. */
public interface ColumnView {
  /** The column's name, as in the CSV header. */
  String name();

  /** What the column holds. */
  ColumnKind kind();

  /** Whether a value may be missing. */
  boolean nullable();

  /** A categorical column's categories, in code order; empty for other kinds. */
  List<String> categories();

  /** Longitudinal data: whether the value is constant within each patient. */
  boolean staticAttribute();

  /** Whether the column is neither learned nor written. */
  boolean dropped();

  /** How many rare categories value protection merged into {@code _RARE_}. */
  int protectedValues();
}

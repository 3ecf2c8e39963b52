package io.github.syntheticpatients.spark;

import java.util.Arrays;
import java.util.Locale;

/** How a longitudinal model's patients become Spark rows; tabular models have one row a record. */
enum Layout {
  /** One row per visit: the patient id, the static attributes, the time and the visit's values. */
  VISITS,
  /** One row per patient: the id, the static attributes and an array of visit structs. */
  NESTED;

  /** The column that holds a patient's visits in the nested layout. */
  static final String VISITS_COLUMN = "visits";

  /** The value of the {@code layout} option that selects this layout. */
  String optionValue() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The layout the {@code layout} option names.
   *
   * @throws IllegalArgumentException naming the option and the known layouts
   */
  static Layout parse(String value) {
    for (Layout layout : values()) {
      if (layout.optionValue().equals(value.strip().toLowerCase(Locale.ROOT))) {
        return layout;
      }
    }
    throw new IllegalArgumentException(
        "Option 'layout' must be one of "
            + Arrays.stream(values()).map(Layout::optionValue).toList()
            + ", was '"
            + value
            + "'");
  }
}

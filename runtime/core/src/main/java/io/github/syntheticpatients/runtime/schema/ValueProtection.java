package io.github.syntheticpatients.runtime.schema;

import io.github.syntheticpatients.runtime.InvalidInputException;
import java.util.Map;

/**
 * The rule that no value held by fewer than k real records leaves in a model, a schema, a report or
 * an output (docs/privacy: value protection). This class owns the default k; the places that
 * protect values (schema inference for categories and identifiers, the encoders and the copula for
 * numeric bounds, the reports for axis labels) take k from the training or inference request, which
 * defaults to {@link #DEFAULT_K}.
 */
public final class ValueProtection {
  /**
   * At least this many real records must share a value (or lie at or beyond a bound) before it may
   * be stored.
   */
  public static final int DEFAULT_K = 5;

  /**
   * The option and property suffix that sets k ({@code synthetic.valueProtectionK}, option {@code
   * valueProtectionK}).
   */
  public static final String OPTION = "valueProtectionK";

  /**
   * The category that stands for every value held by fewer than k records (schema inference puts it
   * last in a column's categories; the readers map rare and unseen values to it). A bucket rather
   * than missing, so the share of rare values is kept and a column's missing rate keeps its
   * meaning.
   */
  public static final String RARE_CATEGORY = "_RARE_";

  private ValueProtection() {}

  /**
   * Checks a k given in code: at least 1 (1 turns protection off, which the user must ask for
   * explicitly).
   */
  public static int checkK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException(tooSmall(k));
    }
    return k;
  }

  /**
   * Checks a k the user gave through {@code parameter} (a property or an option).
   *
   * @throws InvalidInputException naming the parameter when k is below 1
   */
  public static int checkK(int k, String parameter) {
    if (k < 1) {
      throw InvalidInputException.inParameter(parameter, tooSmall(k));
    }
    return k;
  }

  private static String tooSmall(int k) {
    return OPTION
        + " must be at least 1 (the default is "
        + DEFAULT_K
        + "; 1 turns value protection off), was "
        + k;
  }

  /**
   * The k of training or generator options ({@code valueProtectionK=10}), or {@link #DEFAULT_K}
   * when not set.
   *
   * @throws InvalidInputException naming the option when the value is not a whole number of 1 or
   *     more
   */
  public static int fromOptions(Map<String, String> options) {
    String text = options.get(OPTION);
    if (text == null) {
      return DEFAULT_K;
    }
    try {
      int k = Integer.parseInt(text.trim());
      if (k >= 1) {
        return k;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw InvalidInputException.inParameter(
        OPTION,
        OPTION
            + " must be a whole number of 1 or more (the default is "
            + DEFAULT_K
            + "; 1 turns value protection off), was '"
            + text
            + "'");
  }
}

package io.github.syntheticpatients.runtime.schema;

import java.util.regex.Pattern;

/**
 * The parent of a clinical code, where its written form says it: the one rule by which a code too
 * rare to be kept (held by fewer than k records) is generalised to an ancestor rather than merged
 * into {@link ValueProtection#RARE_CATEGORY}. Schema inference chooses the ancestors; the CSV
 * readers map a value that is not a category to its nearest ancestor that is.
 *
 * <ul>
 *   <li>ICD-9 and ICD-10 subcodes, a 3-character category (or an ICD-9 E category), a dot and 1 to
 *       4 characters: drop the last character, then the dot ({@code 250.83} → {@code 250.8} →
 *       {@code 250}; {@code E11.65} → {@code E11.6} → {@code E11}).
 *   <li>ATC levels ({@code J01CA04} → {@code J01CA} → {@code J01C} → {@code J01}).
 *   <li>A letter and 2 or 3 digits (an ICD-10 category, an ICD-9 V or E category, an ATC
 *       therapeutic group): the letter ({@code E11} → {@code E}, the ICD-10 block letter).
 * </ul>
 *
 * Anything else (a numeric ICD-9 category such as {@code 428}, a word) has no parent: the code
 * lists that map ICD-9 categories to chapters are not bundled.
 */
public final class CodeHierarchy {
  private static final Pattern SUBCODE = Pattern.compile("([A-Z0-9]{3}|E[0-9]{3})\\.[A-Z0-9]{1,4}");
  private static final Pattern ATC_BELOW_GROUP =
      Pattern.compile("[A-Z][0-9]{2}[A-Z]([A-Z]([0-9]{2})?)?");
  private static final Pattern LETTER_CATEGORY = Pattern.compile("[A-Z][0-9]{2,3}");

  private CodeHierarchy() {}

  /** The code one level up, or null when the code has no recognisable parent. */
  public static String parent(String code) {
    if (code == null) {
      return null;
    }
    if (SUBCODE.matcher(code).matches()) {
      int end = code.length() - 1;
      return code.charAt(end - 1) == '.' ? code.substring(0, end - 1) : code.substring(0, end);
    }
    if (ATC_BELOW_GROUP.matcher(code).matches()) {
      // J01CA04 -> J01CA, J01CA -> J01C, J01C -> J01
      return code.length() == 7 ? code.substring(0, 5) : code.substring(0, code.length() - 1);
    }
    if (LETTER_CATEGORY.matcher(code).matches()) {
      return code.substring(0, 1);
    }
    return null;
  }

  /**
   * How many ancestors a code has (0 for a root), so that deeper codes can be generalised first.
   */
  public static int depth(String code) {
    int depth = 0;
    for (String parent = parent(code); parent != null; parent = parent(parent)) {
      depth++;
    }
    return depth;
  }
}

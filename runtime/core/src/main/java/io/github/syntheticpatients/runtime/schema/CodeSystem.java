package io.github.syntheticpatients.runtime.schema;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The clinical code system a code column's values are written in, as schema inference recognises it
 * from their shape, or as the schema file names it ({@code "codes": "icd9"}). It decides whether a
 * code has an ancestor: in a recognised system a rare or unseen code is read as its nearest
 * ancestor that is a category ({@link CodeHierarchy}); in a {@link #GENERIC} column it is only
 * bucketed as {@link ValueProtection#RARE_CATEGORY}.
 */
public enum CodeSystem {
  /** ICD-9-CM: {@code 428}, {@code 250.83}, {@code V57.1}, {@code E849.0}. */
  ICD9(
      "icd9",
      "ICD-9",
      Pattern.compile("([0-9]{3}|V[0-9]{2})(\\.[0-9]{1,2})?|E[0-9]{3}(\\.[0-9])?")),
  /** ICD-10 (and -CM): {@code I50}, {@code E11.9}, {@code M1A.071}. */
  ICD10("icd10", "ICD-10", Pattern.compile("[A-Z][0-9][A-Z0-9](\\.[A-Z0-9]{1,4})?")),
  /** ATC drug codes at levels 2 to 5: {@code J01}, {@code J01C}, {@code J01CA}, {@code J01CA04}. */
  ATC("atc", "ATC", Pattern.compile("[A-Z][0-9]{2}([A-Z]([A-Z]([0-9]{2})?)?)?")),
  /** Codes of no recognised system (ward or lab test codes): rare ones are only bucketed. */
  GENERIC("generic", "codes of no recognised system", null);

  /**
   * Share of a column's values (counted by rows) that must have a recognised shape before the
   * column is given a system.
   */
  public static final double RECOGNISED_SHARE = 0.9;

  private final String id;
  private final String description;
  private final Pattern shape;

  CodeSystem(String id, String description, Pattern shape) {
    this.id = id;
    this.description = description;
    this.shape = shape;
  }

  /** The name in the schema file ({@code icd9}, {@code icd10}, {@code atc}, {@code generic}). */
  public String id() {
    return id;
  }

  /** How messages name the system ({@code ICD-9}). */
  public String description() {
    return description;
  }

  /** The system a schema file names, in any case; null when the name is none of {@link #ids()}. */
  public static CodeSystem parse(String text) {
    if (text == null) {
      return null;
    }
    for (CodeSystem system : values()) {
      if (system.id.equals(text.trim().toLowerCase(Locale.ROOT))) {
        return system;
      }
    }
    return null;
  }

  /** The names a schema file may use, for messages. */
  public static String ids() {
    StringBuilder ids = new StringBuilder();
    for (CodeSystem system : values()) {
      ids.append(ids.length() == 0 ? "" : ", ").append('"').append(system.id).append('"');
    }
    return ids.toString();
  }

  /**
   * The system of a column's codes: when at least {@value #RECOGNISED_SHARE} of the rows hold a
   * code of a recognised shape, the system whose shape most rows hold (ties go to ICD-10, then
   * ICD-9, as {@code V57} and {@code E11} are both); otherwise {@link #GENERIC}. A column that
   * mixes ICD-9 and ICD-10 (data from both sides of a changeover) gets the system of most of its
   * rows, and its codes still roll up by their shape.
   *
   * @param rowsByCode each distinct value and the number of rows holding it
   */
  public static CodeSystem detect(Map<String, Long> rowsByCode) {
    long total = 0;
    long recognised = 0;
    long[] matching = new long[values().length];
    for (Map.Entry<String, Long> entry : rowsByCode.entrySet()) {
      long rows = entry.getValue();
      total += rows;
      boolean any = false;
      for (CodeSystem system : values()) {
        if (system.shape != null && system.shape.matcher(entry.getKey()).matches()) {
          matching[system.ordinal()] += rows;
          any = true;
        }
      }
      recognised += any ? rows : 0;
    }
    if (total == 0 || recognised < RECOGNISED_SHARE * total) {
      return GENERIC;
    }
    CodeSystem best = ICD10;
    for (CodeSystem system : new CodeSystem[] {ICD9, ATC}) {
      if (matching[system.ordinal()] > matching[best.ordinal()]) {
        best = system;
      }
    }
    return best;
  }

  /** Whether a code is written in this system's shape; never for {@link #GENERIC}. */
  public boolean hasShape(String code) {
    return shape != null && shape.matcher(code).matches();
  }

  /**
   * The code one level up ({@link CodeHierarchy#parent}), or null when the code has none or the
   * column's codes are {@link #GENERIC}.
   */
  public String parent(String code) {
    return this == GENERIC ? null : CodeHierarchy.parent(code);
  }

  /** How many ancestors a code has in this system (0 for a root or a generic code). */
  public int depth(String code) {
    int depth = 0;
    for (String parent = parent(code); parent != null; parent = parent(parent)) {
      depth++;
    }
    return depth;
  }
}

package io.github.syntheticpatients.runtime.schema;

import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.List;
import java.util.Locale;

/**
 * How synthetic values of an identifier column look. A shape describes the form of the real values,
 * never a value: it is one of
 *
 * <ul>
 *   <li>{@code sequence}: the record's number, 1, 2, 3, ... (the default);
 *   <li>{@code email}: {@code patient17@example.org} (the record's number; {@code example.org} is
 *       reserved for examples, so no such mailbox exists);
 *   <li>{@code full name}, {@code first name}, {@code last name}: drawn from a small fixed list of
 *       common names (the list is in this class, not learned);
 *   <li>{@code pattern:<template>}: random characters by a template where {@code d} is a digit,
 *       {@code A} an upper-case letter, {@code a} a lower-case letter and every other character is
 *       written as it is ({@code pattern:ddd-dd-dddd} for a US social security number, {@code
 *       pattern:ddddd} for a ZIP code). A template of digits only never starts with 0, so a value
 *       read back as a number keeps its width.
 * </ul>
 *
 * <p>Templates are made by {@link #patternOf}, which turns every letter and digit into its class,
 * so no real character other than punctuation and blanks reaches a schema.
 */
public final class IdentifierShape {
  /** The record number, 1, 2, 3, ... */
  public static final String SEQUENCE = "sequence";

  /** A fake address at example.org. */
  public static final String EMAIL = "email";

  /** A given name and a family name from the fixed lists. */
  public static final String FULL_NAME = "full name";

  /** A given name from the fixed list. */
  public static final String FIRST_NAME = "first name";

  /** A family name from the fixed list. */
  public static final String LAST_NAME = "last name";

  /** The prefix of a template shape. */
  public static final String PATTERN_PREFIX = "pattern:";

  /** Values longer than this are text, not codes: they get no template. */
  static final int MAX_PATTERN_LENGTH = 40;

  private static final List<String> FIRST_NAMES =
      List.of(
          "Alex", "Sam", "Robin", "Jordan", "Casey", "Morgan", "Taylor", "Jamie", "Riley", "Avery",
          "Quinn", "Charlie", "Dana", "Drew", "Jesse", "Kim", "Lee", "Noel", "Parker", "Sky");
  private static final List<String> LAST_NAMES =
      List.of(
          "Example",
          "Sample",
          "Placeholder",
          "Testcase",
          "Fictional",
          "Synthetic",
          "Madeup",
          "Dummy",
          "Invented",
          "Pretend",
          "Mockton",
          "Fakeley",
          "Notreal",
          "Imaginary",
          "Standin",
          "Proxy",
          "Surrogate",
          "Lorem",
          "Ipsum",
          "Specimen");
  private static final List<String> KEYWORDS =
      List.of(SEQUENCE, EMAIL, FULL_NAME, FIRST_NAME, LAST_NAME);

  private IdentifierShape() {}

  /**
   * Checks a shape as written in a schema.
   *
   * @return the shape, or {@link #SEQUENCE} for null
   * @throws IllegalArgumentException naming the valid shapes
   */
  public static String check(String shape) {
    if (shape == null) {
      return SEQUENCE;
    }
    if (KEYWORDS.contains(shape)
        || (shape.startsWith(PATTERN_PREFIX) && shape.length() > PATTERN_PREFIX.length())) {
      return shape;
    }
    throw new IllegalArgumentException(
        "unknown identifier shape \""
            + shape
            + "\"; use one of "
            + String.join(", ", KEYWORDS)
            + " or a template such as \"pattern:ddd-dd-dddd\" (d a digit, A an upper-case letter, a a lower-case"
            + " letter)");
  }

  /**
   * The template of a value: each digit becomes {@code d}, each upper-case letter {@code A}, each
   * other letter {@code a}; anything else stays. Null for a value longer than {@value
   * #MAX_PATTERN_LENGTH} characters.
   */
  public static String patternOf(String value) {
    if (value.length() > MAX_PATTERN_LENGTH) {
      return null;
    }
    StringBuilder pattern = new StringBuilder(value.length());
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      pattern.append(
          Character.isDigit(c)
              ? 'd'
              : Character.isUpperCase(c) ? 'A' : Character.isLetter(c) ? 'a' : c);
    }
    return pattern.toString();
  }

  /**
   * A synthetic value of the shape for one record.
   *
   * @param shape a shape accepted by {@link #check}
   * @param record the record's position in the output, from 0
   * @param random the source of random characters and names
   */
  public static String generate(String shape, long record, RandomStream random) {
    switch (shape == null ? SEQUENCE : shape) {
      case SEQUENCE:
        return Long.toString(record + 1);
      case EMAIL:
        return "patient" + (record + 1) + "@example.org";
      case FULL_NAME:
        return pick(FIRST_NAMES, random) + " " + pick(LAST_NAMES, random);
      case FIRST_NAME:
        return pick(FIRST_NAMES, random);
      case LAST_NAME:
        return pick(LAST_NAMES, random);
      default:
        return fill(shape.substring(PATTERN_PREFIX.length()), random);
    }
  }

  /**
   * The random source for one identifier cell: a function of the sampling seed, the column and the
   * record only, so a value does not depend on which other records or columns were generated.
   */
  public static RandomStream randomFor(long seed, int column, long record) {
    return RandomStream.of(
        seed ^ (0x9E3779B97F4A7C15L * (column + 1)) ^ (0xC2B2AE3D27D4EB4FL * (record + 1)));
  }

  private static String fill(String template, RandomStream random) {
    boolean digitsOnly = template.chars().allMatch(c -> c == 'd');
    StringBuilder value = new StringBuilder(template.length());
    for (int i = 0; i < template.length(); i++) {
      char c = template.charAt(i);
      if (c == 'd') {
        value.append(
            (char) ('0' + (digitsOnly && i == 0 ? 1 + random.nextInt(9) : random.nextInt(10))));
      } else if (c == 'A') {
        value.append((char) ('A' + random.nextInt(26)));
      } else if (c == 'a') {
        value.append((char) ('a' + random.nextInt(26)));
      } else {
        value.append(c);
      }
    }
    return value.toString();
  }

  private static String pick(List<String> names, RandomStream random) {
    return names.get(random.nextInt(names.size()));
  }

  /** The shape as a short phrase for messages ("pattern ddd-dd-dddd", "fake e-mail addresses"). */
  public static String describe(String shape) {
    String s = shape == null ? SEQUENCE : shape;
    if (s.startsWith(PATTERN_PREFIX)) {
      return "random values shaped " + s.substring(PATTERN_PREFIX.length());
    }
    return switch (s) {
      case SEQUENCE -> "record numbers 1, 2, 3, ...";
      case EMAIL -> "fake e-mail addresses patient<n>@example.org";
      default -> "fake " + s.toLowerCase(Locale.ROOT) + "s from a fixed list";
    };
  }
}

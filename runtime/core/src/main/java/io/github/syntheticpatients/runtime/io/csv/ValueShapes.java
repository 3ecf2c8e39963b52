package io.github.syntheticpatients.runtime.io.csv;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The shape of a cell value in words ({@code letters with a dot}, {@code digits with a slash}), for
 * warnings that must not print the value: a stray value is often a unique entry that could name a
 * patient, and warnings end up in CI logs. With the line number, the shape lets the user find the
 * value in their own file.
 */
public final class ValueShapes {
  private ValueShapes() {}

  /**
   * The classes of characters in the value: letters, digits, or both, with the signs named in order
   * of first appearance ({@code <0.1}: {@code digits with a less-than sign and a dot}).
   */
  public static String describe(String value) {
    boolean letters = false;
    boolean digits = false;
    Set<String> signs = new LinkedHashSet<>();
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (Character.isLetter(c)) {
        letters = true;
      } else if (Character.isDigit(c)) {
        digits = true;
      } else {
        signs.add(signName(c));
      }
    }
    String base =
        letters && digits
            ? "letters and digits"
            : letters ? "letters" : digits ? "digits" : value.isEmpty() ? "nothing" : "signs";
    if (signs.isEmpty() || (!letters && !digits)) {
      return signs.isEmpty() ? base : "signs only (" + String.join(", ", signs) + ")";
    }
    List<String> named = List.copyOf(signs);
    String listed =
        named.size() == 1
            ? named.get(0)
            : String.join(", ", named.subList(0, named.size() - 1))
                + " and "
                + named.get(named.size() - 1);
    return base + " with " + listed;
  }

  private static String signName(char c) {
    return switch (c) {
      case '.' -> "a dot";
      case ',' -> "a comma";
      case '/' -> "a slash";
      case '\\' -> "a backslash";
      case '-' -> "a dash";
      case '+' -> "a plus";
      case ':' -> "a colon";
      case '<' -> "a less-than sign";
      case '>' -> "a greater-than sign";
      case '%' -> "a percent sign";
      case '@' -> "an at sign";
      case '(', ')' -> "a bracket";
      case ' ' -> "a blank";
      case '_' -> "an underscore";
      case '#' -> "a hash";
      case '*' -> "an asterisk";
      default -> "another sign";
    };
  }
}

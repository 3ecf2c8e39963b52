package io.github.syntheticpatients.junit.internal;

import java.util.List;

/**
 * Error messages in one shape (after Instancio's {@code Fail}): the first cause on the first line,
 * then the headline, the causes as a list, and the rule or the fix. The first line leads with the
 * cause because Surefire's summary shows only the start of a failure's message (about 80
 * characters): there it must say what is wrong, not only which parameter.
 */
public final class Failures {
  private Failures() {}

  /**
   * Formats a message.
   *
   * @param headline what could not be done
   * @param causes what was found wrong, one line each
   * @param rule what is allowed, or how to fix it
   */
  public static String message(String headline, List<String> causes, String rule) {
    StringBuilder text = new StringBuilder();
    if (!causes.isEmpty()) {
      text.append("@SyntheticPatients: ").append(causes.get(0));
      if (causes.size() > 1) {
        text.append(" (and ").append(causes.size() - 1).append(" more, below)");
      }
      text.append('\n');
    }
    text.append(headline).append("\n\nCause:\n");
    for (String cause : causes) {
      text.append(" -> ").append(cause).append('\n');
    }
    return text.append('\n').append(rule).toString();
  }

  /** A numbered list, one item per line, each indented like Instancio's offender lists. */
  public static String numbered(List<String> items) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < items.size(); i++) {
      text.append("\n ").append(i + 1).append(". ").append(items.get(i));
    }
    return text.toString();
  }
}

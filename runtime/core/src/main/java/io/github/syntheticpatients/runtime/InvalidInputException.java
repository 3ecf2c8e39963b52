package io.github.syntheticpatients.runtime;

import java.nio.file.Path;

/**
 * Input the user can fix: a malformed CSV, a schema that does not match, an unknown category in a
 * condition, a bad setting. Carries where the problem is (file, line, column or parameter) so
 * adapters can point at it.
 */
public class InvalidInputException extends SyntheticPatientsException {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final String column;
  private final String parameter;

  private InvalidInputException(
      String message, String file, long line, String column, String parameter) {
    super(message);
    this.file = file;
    this.line = line;
    this.column = column;
    this.parameter = parameter;
  }

  /**
   * A problem in a data file.
   *
   * @param file the file
   * @param line the 1-based line number in the file, or -1 if the problem is not on one line
   * @param column the column name, or null
   * @param problem what is wrong and how to fix it
   */
  public static InvalidInputException inFile(Path file, long line, String column, String problem) {
    StringBuilder where = new StringBuilder(String.valueOf(file));
    if (line > 0) {
      where.append(", line ").append(line);
    }
    if (column != null) {
      where.append(", column '").append(column).append('\'');
    }
    return new InvalidInputException(
        where + ": " + problem, String.valueOf(file), line, column, null);
  }

  /** A problem with a setting or argument, named as the user wrote it (e.g. {@code conditions}). */
  public static InvalidInputException inParameter(String parameter, String problem) {
    return new InvalidInputException(problem, null, -1, null, parameter);
  }

  /** The file at fault, or null. */
  public String file() {
    return file;
  }

  /** The 1-based line at fault, or -1. */
  public long line() {
    return line;
  }

  /** The column at fault, or null. */
  public String column() {
    return column;
  }

  /** The setting at fault, or null. */
  public String parameter() {
    return parameter;
  }
}

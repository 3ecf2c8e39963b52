package io.github.syntheticpatients.runtime.schema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What makes a discrete column a clinical code column (diagnosis, procedure or drug codes): its
 * code system, the vocabulary it may share with other code columns, and what value protection did
 * to its codes, by count (never a code). Only code columns read a value that is not a category as
 * its nearest ancestor that is ({@link CodeSystem#parent}); in any other column an unseen value is
 * {@link ValueProtection#RARE_CATEGORY} or an error.
 *
 * @param system the code system, {@link CodeSystem#GENERIC} when none is recognised
 * @param vocabulary the name of the vocabulary this column shares with other code columns of the
 *     table ({@code diag} for {@code diag_1..diag_3}): they list the same categories, and inference
 *     counted each code over the records holding it in any of them; null when the column has its
 *     own
 * @param generalisedCodes how many of the column's distinct codes, each held by fewer than k
 *     records, are read as an ancestor code
 * @param ancestorCodes how many categories those codes are read as
 */
public record CodeColumn(
    CodeSystem system, String vocabulary, int generalisedCodes, int ancestorCodes) {
  public CodeColumn {
    Objects.requireNonNull(system, "system");
    if (vocabulary != null && vocabulary.isBlank()) {
      vocabulary = null;
    }
    if (generalisedCodes < 0 || ancestorCodes < 0 || ancestorCodes > generalisedCodes) {
      throw new IllegalArgumentException(
          "A code column cannot have "
              + generalisedCodes
              + " generalised codes read as "
              + ancestorCodes
              + " ancestors");
    }
  }

  /** A code column of its own vocabulary, with nothing generalised. */
  public static CodeColumn of(CodeSystem system) {
    return new CodeColumn(system, null, 0, 0);
  }

  /** A copy sharing the named vocabulary (null: a vocabulary of its own). */
  public CodeColumn withVocabulary(String name) {
    return new CodeColumn(system, name, generalisedCodes, ancestorCodes);
  }

  /**
   * One line of what value protection did to a code column, for a model card: how many categories
   * it has, how many rare codes were generalised to how many of them, how many were bucketed;
   * counts only, never a code.
   */
  public static String summary(ColumnSchema column) {
    CodeColumn codes = column.codes();
    if (codes == null) {
      throw new IllegalArgumentException("Column '" + column.name() + "' is not a code column");
    }
    int categories = column.categories().size() - (column.hasRareCategory() ? 1 : 0);
    int bucketed = Math.max(0, column.protectedValues() - codes.generalisedCodes);
    return column.name()
        + ": "
        + codes.system.description()
        + (codes.system == CodeSystem.GENERIC ? "" : " codes")
        + (codes.vocabulary == null ? "" : ", vocabulary '" + codes.vocabulary + "'")
        + "; "
        + count(categories, "code category", "code categories")
        + "; "
        + count(codes.generalisedCodes, "rare code", "rare codes")
        + " generalised to "
        + count(codes.ancestorCodes, "ancestor category", "ancestor categories")
        + "; "
        + count(bucketed, "rare code", "rare codes")
        + " bucketed as "
        + ValueProtection.RARE_CATEGORY;
  }

  private static String count(int n, String one, String many) {
    return n + " " + (n == 1 ? one : many);
  }

  /** A column whose shared vocabulary disagrees with an earlier column's, and why. */
  public record Mismatch(int column, String message) {}

  /**
   * The first column that names a vocabulary an earlier column names too but lists other categories
   * or another system: columns sharing a vocabulary must agree, so that a code means the same
   * category in each of them.
   */
  public static Optional<Mismatch> firstMismatch(List<ColumnSchema> columns) {
    Map<String, ColumnSchema> first = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      ColumnSchema column = columns.get(i);
      if (column.codes() == null || column.codes().vocabulary == null) {
        continue;
      }
      ColumnSchema earlier = first.putIfAbsent(column.codes().vocabulary, column);
      if (earlier == null) {
        continue;
      }
      List<String> problems = new ArrayList<>();
      if (earlier.codes().system != column.codes().system) {
        problems.add(
            "its codes are \""
                + column.codes().system.id()
                + "\", not \""
                + earlier.codes().system.id()
                + "\"");
      }
      if (!earlier.categories().equals(column.categories())) {
        problems.add("it lists other categories");
      }
      if (!problems.isEmpty()) {
        return Optional.of(
            new Mismatch(
                i,
                "column '"
                    + column.name()
                    + "' shares the vocabulary '"
                    + column.codes().vocabulary
                    + "' with '"
                    + earlier.name()
                    + "' but "
                    + String.join(" and ", problems)
                    + "; give both the same \"codes\" and \"categories\", or remove \"vocabulary\""
                    + " from one of them to split it off"));
      }
    }
    return Optional.empty();
  }
}

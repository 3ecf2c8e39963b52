package io.github.syntheticpatients.runtime.schema.inference;

import io.github.syntheticpatients.runtime.schema.CodeSystem;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which code columns of a table share one vocabulary, and their shared categories. Columns of one
 * code kind ({@code diag_1}, {@code diag_2}, {@code diag_3}) share when their codes are of one
 * system and either their names are one stem and a number, or at least half of the codes of one are
 * codes of the other ({@value #OVERLAP}). A code is then counted over the records holding it in any
 * of them (3 records in {@code diag_1} and 4 others in {@code diag_2} are 7), generalised once, and
 * every column lists the same categories, so a code seen in one slot can be generated in another,
 * as in real data.
 */
final class SharedVocabularies {
  /**
   * Share of the smaller column's distinct codes that must be codes of the other too for two
   * columns without a common name stem to share.
   */
  static final double OVERLAP = 0.5;

  /** A name that ends in a number: {@code diag_1}, {@code diag2}, {@code proc-3}. */
  private static final Pattern NUMBERED = Pattern.compile("(.*?[A-Za-z])[ ._\\-]*[0-9]+");

  private SharedVocabularies() {}

  /**
   * The columns, with those that share a vocabulary rebuilt from their shared counts.
   *
   * @param columns the columns as each profile built them alone
   * @param profiles the profile that built each column; null for a column that may not share (a
   *     static attribute of longitudinal data, which is inferred from one value per patient)
   * @param k the fewest records a category must be held by
   */
  static List<ColumnSchema> share(List<ColumnSchema> columns, List<ColumnProfile> profiles, int k) {
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      ColumnSchema column = columns.get(i);
      if (profiles.get(i) != null
          && column.isCodeColumn()
          && column.isLearned()
          && !column.staticAttribute()
          && profiles.get(i).codeCounts() != null) {
        candidates.add(i);
      }
    }
    int[] group = new int[columns.size()];
    for (int i = 0; i < group.length; i++) {
      group[i] = i;
    }
    for (int a = 0; a < candidates.size(); a++) {
      for (int b = a + 1; b < candidates.size(); b++) {
        int i = candidates.get(a);
        int j = candidates.get(b);
        if (sameKind(columns.get(i), profiles.get(i), columns.get(j), profiles.get(j))) {
          group[root(group, j)] = root(group, i);
        }
      }
    }
    Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
    for (int i : candidates) {
      groups.computeIfAbsent(root(group, i), r -> new ArrayList<>()).add(i);
    }
    List<ColumnSchema> shared = new ArrayList<>(columns);
    for (List<Integer> members : groups.values()) {
      if (members.size() < 2) {
        continue;
      }
      CodeSystem system = columns.get(members.get(0)).codes().system();
      Map<String, ColumnProfile.Holders> merged = new HashMap<>();
      for (int i : members) {
        profiles
            .get(i)
            .codeCounts()
            .forEach(
                (code, holders) ->
                    merged
                        .computeIfAbsent(code, c -> new ColumnProfile.Holders(k))
                        .addAll(holders));
      }
      CodeGeneralisation vocabulary = CodeGeneralisation.of(merged, system, k);
      if (!vocabulary.covers()) {
        continue;
      }
      String name = vocabularyName(members, columns);
      for (int i : members) {
        List<String> partners = new ArrayList<>();
        for (int j : members) {
          if (j != i) {
            partners.add(columns.get(j).name());
          }
        }
        shared.set(i, profiles.get(i).sharedCodeSchema(vocabulary, name, partners));
      }
    }
    return shared;
  }

  private static int root(int[] group, int i) {
    while (group[i] != i) {
      group[i] = group[group[i]];
      i = group[i];
    }
    return i;
  }

  /** Same system, and one numbered name stem or codes that overlap. */
  private static boolean sameKind(
      ColumnSchema a, ColumnProfile profileA, ColumnSchema b, ColumnProfile profileB) {
    if (a.codes().system() != b.codes().system()) {
      return false;
    }
    String stem = stem(a.name());
    if (stem != null && stem.equals(stem(b.name()))) {
      return true;
    }
    Set<String> codesA = profileA.codeCounts().keySet();
    Set<String> codesB = profileB.codeCounts().keySet();
    Set<String> smaller = codesA.size() <= codesB.size() ? codesA : codesB;
    Set<String> larger = smaller == codesA ? codesB : codesA;
    Set<String> common = new HashSet<>(smaller);
    common.retainAll(larger);
    return !smaller.isEmpty() && common.size() >= OVERLAP * smaller.size();
  }

  /** The stem of a numbered name in lower case ({@code diag} of {@code Diag_2}), or null. */
  static String stem(String name) {
    Matcher matcher = NUMBERED.matcher(name.trim());
    return matcher.matches() ? matcher.group(1).toLowerCase(Locale.ROOT) : null;
  }

  /** The members' common stem, else the first member's name. */
  private static String vocabularyName(List<Integer> members, List<ColumnSchema> columns) {
    String stem = stem(columns.get(members.get(0)).name());
    for (int i : members) {
      if (stem == null || !stem.equals(stem(columns.get(i).name()))) {
        return columns.get(members.get(0)).name();
      }
    }
    return stem;
  }
}

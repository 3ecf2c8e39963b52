package io.github.syntheticpatients.runtime.schema.inference;

import io.github.syntheticpatients.runtime.schema.CodeSystem;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * The categories of a code vocabulary (one code column, or several sharing one): the codes held by
 * at least k records, and the ancestors that rarer codes generalise to. Deepest codes first: a rare
 * code passes its holders up to its parent ({@link CodeSystem#parent}); a parent that is already
 * kept takes them; a parent whose rare codes below it (and its own holders, if it occurs) reach k
 * distinct records becomes a category of its own; a code with no parent left is bucketed as {@link
 * ValueProtection#RARE_CATEGORY}. So every category is held by at least k records that are read as
 * it, and a reader that maps a code to its nearest ancestor category reads each code as decided
 * here.
 *
 * @param system the code system whose parents are followed
 * @param categories the kept codes and the ancestors, sorted, then {@code _RARE_} when a code was
 *     bucketed
 * @param coveredRows the rows read as a code or an ancestor (not bucketed)
 * @param rows every row holding a code
 */
record CodeGeneralisation(CodeSystem system, List<String> categories, long coveredRows, long rows) {
  /** How one column's codes are read: counts, never codes. */
  record Protection(int generalised, int ancestors, int bucketed) {}

  /** The rare codes below one code, and their holders (counted up to k). */
  private static final class Node {
    final Set<Long> holders = new HashSet<>();
    final List<String> members = new ArrayList<>();
    long rows;
  }

  /**
   * @param counts every code of the vocabulary with its holders
   * @param k the fewest records a category must be held by
   */
  static CodeGeneralisation of(
      Map<String, ColumnProfile.Holders> counts, CodeSystem system, int k) {
    Set<String> kept = new TreeSet<>();
    Map<String, Node> nodes = new HashMap<>();
    PriorityQueue<String> deepestFirst =
        new PriorityQueue<>(
            Comparator.comparingInt(system::depth)
                .reversed()
                .thenComparing(Comparator.naturalOrder()));
    long rows = 0;
    long covered = 0;
    for (Map.Entry<String, ColumnProfile.Holders> entry : counts.entrySet()) {
      ColumnProfile.Holders holders = entry.getValue();
      rows += holders.rows();
      if (holders.held() >= k) {
        kept.add(entry.getKey());
        covered += holders.rows();
        continue;
      }
      Node node = new Node();
      for (long id : holders.ids()) {
        node.holders.add(id);
      }
      node.members.add(entry.getKey());
      node.rows = holders.rows();
      nodes.put(entry.getKey(), node);
      deepestFirst.add(entry.getKey());
    }
    Set<String> ancestors = new TreeSet<>();
    boolean bucketed = false;
    while (!deepestFirst.isEmpty()) {
      String code = deepestFirst.poll();
      Node node = nodes.get(code);
      boolean own = node.members.contains(code); // the code itself occurs (rarely)
      if (node.holders.size() >= k && (node.members.size() > 1 || !own)) {
        ancestors.add(code);
        covered += node.rows;
        continue;
      }
      String parent = system.parent(code);
      if (parent == null) {
        bucketed = true;
        continue;
      }
      if (kept.contains(parent)) {
        covered += node.rows;
        continue;
      }
      Node above = nodes.get(parent);
      if (above == null) {
        above = new Node();
        nodes.put(parent, above);
        deepestFirst.add(parent);
      }
      for (long id : node.holders) {
        if (above.holders.size() < k) {
          above.holders.add(id);
        }
      }
      above.members.addAll(node.members);
      above.rows += node.rows;
    }
    List<String> categories = new ArrayList<>(kept);
    categories.addAll(ancestors);
    categories.sort(Comparator.naturalOrder());
    if (bucketed) {
      categories.add(ValueProtection.RARE_CATEGORY);
    }
    return new CodeGeneralisation(system, List.copyOf(categories), covered, rows);
  }

  /**
   * Whether the vocabulary has a category besides {@code _RARE_} and what is not bucketed covers at
   * least half of the rows (else the values are not codes worth learning).
   */
  boolean covers() {
    boolean anyCode =
        categories.size() > (categories.contains(ValueProtection.RARE_CATEGORY) ? 1 : 0);
    return anyCode && 2 * coveredRows >= rows;
  }

  /**
   * How a column's distinct codes are read: as themselves, as the nearest ancestor that is a
   * category (generalised; {@code ancestors} counts the categories they are read as), or as {@code
   * _RARE_} (bucketed).
   */
  Protection protectionOf(Collection<String> codes) {
    Set<String> known = new HashSet<>(categories);
    Set<String> targets = new HashSet<>();
    int generalised = 0;
    int bucketed = 0;
    for (String code : codes) {
      if (known.contains(code)) {
        continue;
      }
      String ancestor = system.parent(code);
      while (ancestor != null && !known.contains(ancestor)) {
        ancestor = system.parent(ancestor);
      }
      if (ancestor == null) {
        bucketed++;
      } else {
        generalised++;
        targets.add(ancestor);
      }
    }
    return new Protection(generalised, targets.size(), bucketed);
  }
}

package io.github.syntheticpatients.runtime.schema.inference;

import io.github.syntheticpatients.runtime.schema.CodeHierarchy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which ancestors the rare codes of a column generalise to. Deepest codes first: a rare code passes
 * its holders up to its parent ({@link CodeHierarchy#parent}); a parent that is already kept takes
 * them; a parent whose rare codes below it (and its own holders, if it occurs) reach k distinct
 * records becomes a category of its own; a code with no parent left is bucketed. So every category
 * is held by at least k records that are read as it.
 *
 * @param ancestors the new categories, codes that were not kept for their own holders
 * @param generalisedValues how many rare codes are read as a kept code or a new ancestor
 * @param generalisedRows the rows holding those codes
 * @param bucketed how many rare codes found no ancestor and are read as {@code _RARE_}
 */
record CodeGeneralisation(
    Set<String> ancestors, int generalisedValues, long generalisedRows, int bucketed) {
  /** The rare codes below one code, and their holders (counted up to k). */
  private static final class Node {
    final Set<Long> holders = new HashSet<>();
    final List<String> members = new ArrayList<>();
    long rows;
  }

  /**
   * @param kept the codes held by at least k records
   * @param rare the other codes with their holders (all of them, as there are fewer than k)
   */
  static CodeGeneralisation of(Set<String> kept, Map<String, ColumnProfile.Holders> rare, int k) {
    Map<String, Node> nodes = new HashMap<>();
    PriorityQueue<String> deepestFirst =
        new PriorityQueue<>(
            Comparator.comparingInt(CodeHierarchy::depth)
                .reversed()
                .thenComparing(Comparator.naturalOrder()));
    rare.forEach(
        (code, holders) -> {
          Node node = new Node();
          for (long id : holders.ids()) {
            node.holders.add(id);
          }
          node.members.add(code);
          node.rows = holders.rows();
          nodes.put(code, node);
          deepestFirst.add(code);
        });
    Set<String> ancestors = new TreeSet<>();
    int generalised = 0;
    long generalisedRows = 0;
    int bucketed = 0;
    while (!deepestFirst.isEmpty()) {
      String code = deepestFirst.poll();
      Node node = nodes.get(code);
      boolean own = node.members.contains(code); // the code itself occurs (rarely)
      if (node.holders.size() >= k && (node.members.size() > 1 || !own)) {
        ancestors.add(code);
        generalised += node.members.size() - (own ? 1 : 0);
        generalisedRows += node.rows;
        continue;
      }
      String parent = CodeHierarchy.parent(code);
      if (parent == null) {
        bucketed += node.members.size();
        continue;
      }
      if (kept.contains(parent)) {
        generalised += node.members.size();
        generalisedRows += node.rows;
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
    return new CodeGeneralisation(ancestors, generalised, generalisedRows, bucketed);
  }
}

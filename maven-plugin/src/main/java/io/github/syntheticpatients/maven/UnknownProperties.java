package io.github.syntheticpatients.maven;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.maven.plugin.descriptor.MojoDescriptor;
import org.apache.maven.plugin.descriptor.Parameter;
import org.apache.maven.plugin.descriptor.PluginDescriptor;

/**
 * Finds {@code -Dsynthetic.*} properties that no goal of this plugin reads, so a typo such as
 * {@code -Dsynthetic.row=5} is reported instead of silently writing the default 1,000 rows. The
 * known names come from the plugin descriptor, which is built from the {@link PropertyNames}
 * constants: every goal's properties, not only the running goal's, since one command line often
 * serves several goals.
 */
final class UnknownProperties {
  static final String PREFIX = "synthetic.";
  private static final Pattern PROPERTY = Pattern.compile("\\$\\{(synthetic\\.[A-Za-z0-9.-]+)}");

  private UnknownProperties() {}

  /** Every {@code synthetic.*} property a goal of the plugin reads. */
  static Set<String> known(PluginDescriptor plugin) {
    Set<String> known = new TreeSet<>();
    for (MojoDescriptor mojo : plugin.getMojos()) {
      for (Parameter parameter :
          mojo.getParameters() == null ? List.<Parameter>of() : mojo.getParameters()) {
        addProperty(parameter.getExpression(), known);
      }
    }
    return known;
  }

  private static void addProperty(String expression, Set<String> known) {
    if (expression != null) {
      Matcher matcher = PROPERTY.matcher(expression);
      while (matcher.find()) {
        known.add(matcher.group(1));
      }
    }
  }

  /**
   * One warning per given {@code synthetic.*} name that is not known, naming the nearest known one.
   */
  static List<String> warnings(Collection<String> given, Set<String> known) {
    List<String> warnings = new ArrayList<>();
    for (String name : new TreeSet<>(given)) {
      if (name.startsWith(PREFIX) && !known.contains(name)) {
        warnings.add(
            "Unknown property -D"
                + name
                + " is ignored: no goal of this plugin reads it."
                + nearest(name, known)
                    .map(n -> " Did you mean -D" + n + "?")
                    .orElse(" Known: " + known + "."));
      }
    }
    return warnings;
  }

  /** The known name fewest edits away, when it is close enough to be a likely typo. */
  static Optional<String> nearest(String name, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance =
          distance(
              name.toLowerCase(java.util.Locale.ROOT),
              candidate.toLowerCase(java.util.Locale.ROOT));
      if (distance < bestDistance) {
        best = candidate;
        bestDistance = distance;
      }
    }
    // Past a third of the name's own part the "nearest" name is a guess, not a typo.
    int allowed = Math.max(2, (name.length() - PREFIX.length()) / 3);
    return bestDistance <= allowed ? Optional.of(best) : Optional.empty();
  }

  /** The Levenshtein distance: single-character insertions, deletions and substitutions. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}

package io.github.syntheticpatients.maven;

import java.io.File;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Checks shared by the goals that take the longitudinal roles {@code entityId} and {@code time}.
 */
final class Longitudinal {
  private Longitudinal() {}

  /**
   * Both roles or neither: a patient id without a time column (or the reverse) cannot order visits.
   */
  static void requireBoth(String entityId, String time) throws MojoFailureException {
    boolean hasId = entityId != null && !entityId.isBlank();
    boolean hasTime = time != null && !time.isBlank();
    if (hasId && !hasTime) {
      throw new MojoFailureException(
          "-D"
              + PropertyNames.ENTITY_ID
              + "="
              + entityId.strip()
              + " needs the time column too: set -D"
              + PropertyNames.TIME
              + "=<column> (<time> in the POM), e.g. the visit day.");
    }
    if (hasTime && !hasId) {
      throw new MojoFailureException(
          "-D"
              + PropertyNames.TIME
              + "="
              + time.strip()
              + " needs the patient id column too: set -D"
              + PropertyNames.ENTITY_ID
              + "=<column> (<entityId> in the POM).");
    }
  }

  /** The message for a directory given as tabular input. */
  static String directoryNeedsRoles(File input) {
    return "-D"
        + PropertyNames.INPUT
        + "="
        + input
        + " is a directory: per-patient files are longitudinal data; set -D"
        + PropertyNames.ENTITY_ID
        + "=<patient id column> and -D"
        + PropertyNames.TIME
        + "=<time column> (when the"
        + " files have no patient id column, the file name is the id), or point -D"
        + PropertyNames.INPUT
        + " at a CSV file.";
  }
}

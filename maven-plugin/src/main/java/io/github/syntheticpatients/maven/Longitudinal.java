package io.github.syntheticpatients.maven;

import org.apache.maven.plugin.MojoFailureException;

/** Checks shared by the goals that take the longitudinal roles {@code entityId} and {@code time}. */
final class Longitudinal {
  private Longitudinal() {}

  /** Both roles or neither: a patient id without a time column (or the reverse) cannot order visits. */
  static void requireBoth(String entityId, String time) throws MojoFailureException {
    boolean hasId = entityId != null && !entityId.isBlank();
    boolean hasTime = time != null && !time.isBlank();
    if (hasId && !hasTime) {
      throw new MojoFailureException(
          "-D" + PropertyNames.ENTITY_ID + "=" + entityId.strip() + " needs the time column too: set -D"
              + PropertyNames.TIME + "=<column> (<time> in the POM), e.g. the visit day.");
    }
    if (hasTime && !hasId) {
      throw new MojoFailureException(
          "-D" + PropertyNames.TIME + "=" + time.strip() + " needs the patient id column too: set -D"
              + PropertyNames.ENTITY_ID + "=<column> (<entityId> in the POM).");
    }
  }
}

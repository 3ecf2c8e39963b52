package io.github.syntheticpatients.runtime;

import java.util.List;

/** A model reference that is neither a zoo id, a classpath resource nor an existing file. */
public class UnknownModelException extends SyntheticPatientsException {
  private static final long serialVersionUID = 1L;

  private final String reference;
  private final List<String> knownIds;

  public UnknownModelException(String reference, List<String> knownIds) {
    super(
        "Unknown model '"
            + reference
            + "': it is not a model-zoo id, a classpath resource or an existing file."
            + " Known model ids: "
            + (knownIds.isEmpty()
                ? "(none; add synthetic-patients-model-zoo)"
                : String.join(", ", knownIds)));
    this.reference = reference;
    this.knownIds = List.copyOf(knownIds);
  }

  public String reference() {
    return reference;
  }

  public List<String> knownIds() {
    return knownIds;
  }
}

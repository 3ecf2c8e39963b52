package io.github.syntheticpatients.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One synthetic patient of a longitudinal model: the patient's static attributes (the id, sex,
 * baseline age, treatment arm …) and the visits in time order, each with the time column and the
 * time-varying values.
 */
public final class PatientTimeline {
  /** The key under which {@link #asMap()} lists the visits. */
  public static final String VISITS_KEY = "visits";

  private final String id;
  private final PatientRecord attributes;
  private final List<PatientRecord> visits;

  /**
   * @param id the synthetic patient id
   * @param attributes the id column and the static attributes
   * @param visits the visits in time order: the time column and the time-varying columns
   */
  public PatientTimeline(String id, PatientRecord attributes, List<PatientRecord> visits) {
    this.id = Objects.requireNonNull(id, "id");
    this.attributes = Objects.requireNonNull(attributes, "attributes");
    this.visits = List.copyOf(visits);
  }

  /** The synthetic patient id (a fresh sequence; nothing of the real ids is kept). */
  public String id() {
    return id;
  }

  /** The id column and the static attributes. */
  public PatientRecord attributes() {
    return attributes;
  }

  /** The visits in time order. */
  public List<PatientRecord> visits() {
    return visits;
  }

  /**
   * The patient as nested JDK values: the attributes by column name, then {@value #VISITS_KEY}, a
   * list of the visits' maps (how JSON-lines output and user types see it).
   */
  public Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>(attributes.asMap());
    List<Map<String, Object>> visitMaps = new ArrayList<>(visits.size());
    for (PatientRecord visit : visits) {
      visitMaps.add(visit.asMap());
    }
    map.put(VISITS_KEY, visitMaps);
    return map;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PatientTimeline timeline
        && timeline.id.equals(id)
        && timeline.attributes.equals(attributes)
        && timeline.visits.equals(visits);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, attributes, visits);
  }

  @Override
  public String toString() {
    return "PatientTimeline" + asMap();
  }
}

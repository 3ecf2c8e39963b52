package org.example.pima;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The project's own type for a row of its model: boxed types where values can be missing, one component
 * renamed.
 */
public record PimaPatient(
    Integer pregnant,
    Double glucose,
    Double mass,
    @JsonProperty("pedigree") Double diabetesPedigree,
    Integer age,
    String diabetes) {}

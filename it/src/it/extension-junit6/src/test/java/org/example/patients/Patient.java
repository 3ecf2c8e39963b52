package org.example.patients;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The project's own patient type: a few columns of the default model, one renamed. */
public record Patient(
    String id, String sex, Double age, Integer status, @JsonProperty("alk.phos") Double alkalinePhosphatase) {}

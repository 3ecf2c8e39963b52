package org.example.visits;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The project's own type for one visit: the time and some labs, one renamed. */
public record Visit(Double day, Double bili, Double albumin, @JsonProperty("alk.phos") Double alkalinePhosphatase) {}

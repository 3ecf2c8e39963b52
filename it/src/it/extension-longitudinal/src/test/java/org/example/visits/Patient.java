package org.example.visits;

import java.util.List;

/** The project's own type for a whole patient: static attributes and the visits in time order. */
public record Patient(String id, String sex, Double age, Integer trt, List<Visit> visits) {}

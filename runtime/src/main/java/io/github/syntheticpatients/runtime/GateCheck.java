package io.github.syntheticpatients.runtime;

/**
 * One check of the privacy gate.
 *
 * @param id the check's id ({@code G1} … {@code G12}, see docs/privacy.md)
 * @param name the metric, e.g. {@code dcrShare}
 * @param level {@code FAIL} (breaks the gate) or {@code WARN}
 * @param passed whether the value meets the rule
 * @param value the measured value
 * @param threshold the limit the value is compared with
 * @param rule the rule in words, e.g. {@code "dcrShare <= 0.55"}
 * @param advice what to change when it fails
 */
public record GateCheck(
    String id, String name, String level, boolean passed, double value, double threshold, String rule, String advice) {}

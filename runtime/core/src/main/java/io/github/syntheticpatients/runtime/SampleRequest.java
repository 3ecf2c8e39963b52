package io.github.syntheticpatients.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What to sample: how many records, the seed, and optional conditions such as {@code sex=f}, {@code
 * status=2} or {@code age>=60} (see {@link io.github.syntheticpatients.runtime.model.Conditions}).
 *
 * @param rows number of records
 * @param seed the seed; the same model, seed, rows, conditions and balance give the same records
 * @param conditions condition expressions, empty for none
 * @param timeBudget how long rejection sampling for range conditions may run before it gives up
 * @param balance a class distribution for one categorical or binary column, such as {@code death}
 *     (every category equally often) or {@code death:1=0.5}; empty for none (see {@link
 *     io.github.syntheticpatients.runtime.model.ClassBalance})
 */
public record SampleRequest(
    int rows, long seed, List<String> conditions, Duration timeBudget, String balance) {

  /** Default time budget for rejection sampling. */
  public static final Duration DEFAULT_TIME_BUDGET = Duration.ofSeconds(30);

  public SampleRequest {
    if (rows < 0) {
      throw InvalidInputException.inParameter("rows", "rows must be 0 or more, was " + rows);
    }
    conditions = List.copyOf(Objects.requireNonNullElse(conditions, List.of()));
    timeBudget = Objects.requireNonNullElse(timeBudget, DEFAULT_TIME_BUDGET);
    balance = Objects.requireNonNullElse(balance, "").strip();
  }

  /** A request without class balancing. */
  public SampleRequest(int rows, long seed, List<String> conditions, Duration timeBudget) {
    this(rows, seed, conditions, timeBudget, "");
  }

  /** Unconditional sampling. */
  public static SampleRequest of(int rows, long seed) {
    return new SampleRequest(rows, seed, List.of(), DEFAULT_TIME_BUDGET);
  }

  /** The same request with conditions. */
  public SampleRequest withConditions(List<String> newConditions) {
    return new SampleRequest(rows, seed, newConditions, timeBudget, balance);
  }

  /** The same request with a class balance, e.g. {@code death} or {@code death:1=0.5}. */
  public SampleRequest withBalance(String newBalance) {
    return new SampleRequest(rows, seed, conditions, timeBudget, newBalance);
  }
}

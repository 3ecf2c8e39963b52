package io.github.syntheticpatients.runtime.argn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import java.util.List;

/**
 * An exponential moving average of a network's parameters over optimiser steps, held in a second
 * network of the same shape. Small batches leave each step's weights a few percent off in every
 * head's output (a binary column's rate off by 5 points on rotterdam), and the errors add up along
 * the chain; the average smooths that noise out of the weights that are validated and kept
 * (docs/benchmarks/argn.md). The decay ramps up as {@code min(decay, (1 + t) / (10 + t))} at step
 * t, so the average does not lean on the initial weights. Call {@link #update} after each step with
 * gradients off; element-wise products and sums only, so the numbers do not depend on the CPU.
 */
final class ParameterAverage {
  private final NDManager manager;
  private final List<NDArray> source;
  private final List<NDArray> average;
  private final double decay;
  private long steps;

  ParameterAverage(NDManager manager, List<NDArray> source, List<NDArray> average, double decay) {
    if (source.size() != average.size()) {
      throw new IllegalArgumentException("the averaged network has another shape");
    }
    if (!(decay >= 0 && decay < 1)) {
      throw new IllegalArgumentException("decay must lie in [0, 1), was " + decay);
    }
    this.manager = manager;
    this.source = List.copyOf(source);
    this.average = List.copyOf(average);
    this.decay = decay;
  }

  /** Moves the average one step towards the current parameters. */
  void update() {
    double d = Math.min(decay, (1.0 + steps) / (10.0 + steps));
    steps++;
    try (NDManager scope = manager.newSubManager()) {
      // Constants as tensors, never scalar overloads (djl.md, pitfall 1).
      NDArray keep = scope.full(new Shape(), (float) d);
      NDArray take = scope.full(new Shape(), (float) (1 - d));
      for (int i = 0; i < source.size(); i++) {
        NDArray moved = take.mul(source.get(i));
        average.get(i).muli(keep).addi(moved);
      }
    }
  }
}

package io.github.syntheticpatients.runtime.model;

import java.util.AbstractList;
import java.util.RandomAccess;
import java.util.function.IntFunction;

/**
 * A read-only list whose elements are built on first access: code that only needs a sample's table
 * (a CSV writer reading a few columns, a benchmark) does not pay for a million record maps.
 * Elements must be immutable: a racy first access from two threads builds two equal elements and
 * either may be kept.
 */
final class LazyList<T> extends AbstractList<T> implements RandomAccess {
  private final Object[] built;
  private final IntFunction<T> builder;

  LazyList(int size, IntFunction<T> builder) {
    this.built = new Object[size];
    this.builder = builder;
  }

  @Override
  @SuppressWarnings("unchecked")
  public T get(int index) {
    Object element = built[index];
    if (element == null) {
      element = builder.apply(index);
      built[index] = element;
    }
    return (T) element;
  }

  @Override
  public int size() {
    return built.length;
  }
}

package io.github.syntheticpatients.runtime.schema.inference;

import java.util.Arrays;

/**
 * Tells, while visit rows stream past, which columns never change within a patient. Per patient and
 * column it keeps only a 64-bit hash of the first visit's value (8 bytes a cell, patients ×
 * columns), and per column whether any later visit differed. Missing is a value of its own: a
 * column missing at one visit and present at another changes. A false "same" needs two different
 * texts with equal 64-bit hashes (odds about 1 in 10^19 per comparison).
 */
final class StaticTracker {
  /**
   * The hash standing for a missing value (any fixed number; a real value hashing to it is as
   * unlikely).
   */
  private static final long MISSING = 0x6a09e667f3bcc908L;

  private final int columns;
  private final boolean[] varies;
  private long[] firstValues = new long[0];
  private int[] visits = new int[0];
  private int currentPatient = -1;
  private boolean currentIsFirst;
  private boolean repeatedVisits;

  StaticTracker(int columns) {
    this.columns = columns;
    this.varies = new boolean[columns];
  }

  /** Starts a visit row of a patient (0, 1, 2, ... in order of first appearance). */
  void startRow(int patient) {
    if (patient >= visits.length) {
      int capacity = Math.max(patient + 1, visits.length + (visits.length >> 1) + 16);
      visits = Arrays.copyOf(visits, capacity);
      firstValues = Arrays.copyOf(firstValues, Math.multiplyExact(capacity, columns));
    }
    currentPatient = patient;
    currentIsFirst = visits[patient] == 0;
    visits[patient]++;
    repeatedVisits |= !currentIsFirst;
  }

  /** Whether the current row is its patient's first. */
  boolean firstVisit() {
    return currentIsFirst;
  }

  /** One field of the current row; null when missing. */
  void accept(int column, String value) {
    if (varies[column]) {
      return;
    }
    long hash = value == null ? MISSING : UniquenessTracker.hash(value);
    int cell = currentPatient * columns + column;
    if (currentIsFirst) {
      firstValues[cell] = hash;
    } else if (firstValues[cell] != hash) {
      varies[column] = true;
    }
  }

  /**
   * Whether the column is static: no patient's value ever changed, and at least one patient has two
   * or more visits (without a repeat visit there is no evidence either way, and time-varying is the
   * safe default).
   */
  boolean isStatic(int column) {
    return repeatedVisits && !varies[column];
  }
}

package io.github.syntheticpatients.runtime.schema.inference;

import java.util.Arrays;

/**
 * Tells whether all strings added are distinct, in 8 bytes per value: it keeps 64-bit hashes,
 * checks them for repeats each time the buffer fills, and lets go of them at the first repeat. With
 * 64-bit hashes a false repeat among a million values has a chance of about 3 in 100 million.
 */
final class UniquenessTracker {
  private long[] hashes = new long[256];
  private int size;
  private boolean repeated;

  void add(String value) {
    if (repeated) {
      return;
    }
    if (size == hashes.length) {
      if (hasRepeat()) {
        release();
        return;
      }
      hashes = Arrays.copyOf(hashes, hashes.length * 2);
    }
    hashes[size++] = hash(value);
  }

  /** Whether every value added so far was distinct. */
  boolean allDistinct() {
    if (!repeated && hasRepeat()) {
      release();
    }
    return !repeated;
  }

  private boolean hasRepeat() {
    Arrays.sort(hashes, 0, size);
    for (int i = 1; i < size; i++) {
      if (hashes[i] == hashes[i - 1]) {
        return true;
      }
    }
    return false;
  }

  private void release() {
    repeated = true;
    hashes = null;
    size = 0;
  }

  /** FNV-1a over the UTF-16 chars, then a 64-bit finalizer (from SplitMix64) to spread the bits. */
  static long hash(String value) {
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < value.length(); i++) {
      h ^= value.charAt(i);
      h *= 0x100000001b3L;
    }
    h ^= h >>> 30;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 27;
    h *= 0x94d049bb133111ebL;
    return h ^ (h >>> 31);
  }
}

package io.github.syntheticpatients.runtime.random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class RandomStreamTest {

  /** The published algorithms written out here, independently of Commons RNG. */
  private static final class Reference {
    private long s0;
    private long s1;

    Reference(long seed) {
      long[] state = {seed};
      s0 = splitMix64(state);
      s1 = splitMix64(state);
    }

    /** SplitMix64 (Steele, Lea and Flood 2014): add the golden gamma, then Stafford's mix13. */
    static long splitMix64(long[] state) {
      long z = state[0] += 0x9E3779B97F4A7C15L;
      z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
      z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
      return z ^ (z >>> 31);
    }

    /** xoroshiro128++ 1.0 (Blackman and Vigna 2019). */
    long next() {
      long result = Long.rotateLeft(s0 + s1, 17) + s0;
      long t = s1 ^ s0;
      s0 = Long.rotateLeft(s0, 49) ^ t ^ (t << 21);
      s1 = Long.rotateLeft(t, 28);
      return result;
    }
  }

  @Test
  void theStreamIsXoroshiro128PlusPlusSeededBySplitMix64() {
    for (long seed : new long[] {0, 1, -1, 42, Long.MIN_VALUE}) {
      RandomStream stream = RandomStream.of(seed);
      Reference reference = new Reference(seed);
      for (int i = 0; i < 1000; i++) {
        assertThat(stream.nextLong()).as("seed %d, value %d", seed, i).isEqualTo(reference.next());
      }
    }
  }

  @Test
  void aBlocksStreamIsSeededWithTheHashOfSeedModelAndBlock() throws Exception {
    String model = "1c6f65d031d1ef1dadecfd1546167a7f244eaee0bd67e790f59a0b104ed14904";
    for (long block : new long[] {0, 1, 301, Long.MAX_VALUE}) {
      // The 80 bytes of docs/numerics.md written out byte by byte.
      byte[] input = new byte[80];
      for (int i = 0; i < 8; i++) {
        input[i] = (byte) (42L >>> (56 - 8 * i));
        input[72 + i] = (byte) (block >>> (56 - 8 * i));
      }
      for (int i = 0; i < 64; i++) {
        input[8 + i] = (byte) model.charAt(i);
      }
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(input);
      long seed = 0;
      for (int i = 0; i < 8; i++) {
        seed = (seed << 8) | (digest[i] & 0xFF);
      }
      Reference reference = new Reference(seed);
      RandomStream stream = RandomStream.forBlock(42, model, block);
      for (int i = 0; i < 100; i++) {
        assertThat(stream.nextLong())
            .as("block %d, value %d", block, i)
            .isEqualTo(reference.next());
      }
    }
    assertThatThrownBy(() -> RandomStream.forBlock(42, "-", 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 hex characters");
  }

  @Test
  void splitSeedsAChildWithTheNextLong() {
    RandomStream parent = RandomStream.of(7);
    Reference reference = new Reference(7);
    RandomStream child = parent.split();
    Reference childReference = new Reference(reference.next());
    for (int i = 0; i < 100; i++) {
      assertThat(child.nextLong()).isEqualTo(childReference.next());
    }
    assertThat(parent.nextLong()).isEqualTo(reference.next());
  }

  @Test
  void doublesAreTheTop53BitsAndIntsTheirFloor() {
    RandomStream stream = RandomStream.of(3);
    Reference reference = new Reference(3);
    for (int i = 0; i < 1000; i++) {
      assertThat(stream.nextDouble()).isEqualTo((reference.next() >>> 11) / 9007199254740992.0);
      assertThat(stream.nextInt(7))
          .isEqualTo((int) Math.floor((reference.next() >>> 11) / 9007199254740992.0 * 7));
    }
    assertThatThrownBy(() -> stream.nextInt(0)).hasMessageContaining("bound must be positive");
  }

  @Test
  void gaussiansFollowThePolarMethodOnTheUniforms() {
    RandomStream stream = RandomStream.of(11);
    Reference reference = new Reference(11);
    for (int pair = 0; pair < 500; pair++) {
      double v1;
      double v2;
      double s;
      do {
        v1 = 2 * ((reference.next() >>> 11) / 9007199254740992.0) - 1;
        v2 = 2 * ((reference.next() >>> 11) / 9007199254740992.0) - 1;
        s = v1 * v1 + v2 * v2;
      } while (s >= 1 || s == 0);
      double m = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
      assertThat(stream.nextGaussian()).isEqualTo(v1 * m);
      assertThat(stream.nextGaussian()).isEqualTo(v2 * m);
    }
  }

  @Test
  void gaussiansHaveMeanZeroAndVarianceOne() {
    RandomStream stream = RandomStream.of(5);
    int n = 200_000;
    double sum = 0;
    double squares = 0;
    for (int i = 0; i < n; i++) {
      double z = stream.nextGaussian();
      sum += z;
      squares += z * z;
    }
    // Standard errors: 1/√n ≈ 0.0022 for the mean, √(2/n) ≈ 0.0032 for the variance; 4 of them
    // either way.
    assertThat(sum / n).isCloseTo(0, within(0.009));
    assertThat(squares / n - (sum / n) * (sum / n)).isCloseTo(1, within(0.013));
  }
}

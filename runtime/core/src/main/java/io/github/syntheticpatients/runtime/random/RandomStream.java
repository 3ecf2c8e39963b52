package io.github.syntheticpatients.runtime.random;

import io.github.syntheticpatients.runtime.internal.Fdlibm;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The random numbers sampling draws, specified down to the bit so that a model, a seed and a
 * request give the same records on every JVM, CPU and operating system. Not thread-safe: each
 * worker draws from its own {@link #split()}.
 *
 * <ul>
 *   <li>Generator: xoroshiro128++ (Blackman and Vigna), Commons RNG's {@code XO_RO_SHI_RO_128_PP}.
 *   <li>Seed to state: the 64-bit seed seeds a SplitMix64 (Commons RNG's {@code SPLIT_MIX_64},
 *       Steele, Lea and Flood's fixed-increment generator); its first two outputs are the
 *       generator's two state words, used as they are (a native seed, so no Commons RNG seed
 *       conversion is involved).
 *   <li>{@link #split()}: a new stream seeded, as above, with this stream's next {@link
 *       #nextLong()}.
 *   <li>{@link #forBlock}: the stream of one block of records, seeded, as above, with the first 8
 *       bytes (big-endian) of the SHA-256 of 80 bytes: the sampling seed (8 bytes, big-endian), the
 *       model's stream key (its content digest) as its 64 lower-case hex characters in ASCII, and
 *       the block's index (8 bytes, big-endian). Any block's stream is computed directly, without
 *       drawing the blocks before it, so a block can be sampled alone, on any thread or machine.
 *   <li>{@link #nextDouble()}: the top 53 bits of {@link #nextLong()} times 2⁻⁵³, in [0, 1).
 *   <li>{@link #nextInt(int)}: {@code floor(nextDouble() · bound)}.
 *   <li>{@link #nextGaussian()}: Marsaglia's polar method as {@link
 *       java.util.Random#nextGaussian()} specifies it (pairs from {@code 2·nextDouble() − 1},
 *       {@link StrictMath#log}, computed by {@code Fdlibm.log}, the same fdlibm algorithm in Java;
 *       the second value of a pair is kept for the next call). Commons RNG's samplers call {@link
 *       Math#exp} or {@link Math#log}, which the JDK lets differ by an ulp between machines; {@link
 *       StrictMath} is fdlibm's result everywhere, and {@link Math#sqrt} is exact by the IEEE 754
 *       standard.
 * </ul>
 *
 * <p>A test checks the generator against an independent implementation of the published algorithms.
 */
public final class RandomStream {
  private final UniformRandomProvider generator;
  private double spareGaussian;
  private boolean hasSpareGaussian;

  private RandomStream(UniformRandomProvider generator) {
    this.generator = generator;
  }

  /** The stream for {@code seed}. */
  public static RandomStream of(long seed) {
    UniformRandomProvider expansion = RandomSource.SPLIT_MIX_64.create(seed);
    long[] state = {expansion.nextLong(), expansion.nextLong()};
    return new RandomStream(RandomSource.XO_RO_SHI_RO_128_PP.create(state));
  }

  /**
   * The stream of block {@code block} of the records a model samples with {@code seed}: the one
   * owner of how blocks are seeded (see the class comment). A hash rather than jumps of one stream,
   * so block 10⁶ costs what block 0 does; including the model's checksum gives two models sampled
   * with the same seed unrelated streams.
   *
   * @param seed the sampling seed
   * @param modelSha256 the model's stream key ({@code ModelFile.streamKey}: from format 2 the
   *     SHA-256 of its content without the timing entry), in lower-case hex (64 characters)
   * @param block the block's index, from 0
   */
  public static RandomStream forBlock(long seed, String modelSha256, long block) {
    if (modelSha256.length() != 64) {
      throw new IllegalArgumentException(
          "A model's SHA-256 has 64 hex characters, was '" + modelSha256 + "'");
    }
    if (block < 0) {
      throw new IllegalArgumentException("block must be 0 or more, was " + block);
    }
    ByteBuffer input = ByteBuffer.allocate(80);
    input.putLong(seed);
    input.put(modelSha256.getBytes(StandardCharsets.US_ASCII));
    input.putLong(block);
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(input.array());
      return of(ByteBuffer.wrap(digest).getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** An independent stream, seeded by this stream's next long. */
  public RandomStream split() {
    return of(nextLong());
  }

  public long nextLong() {
    return generator.nextLong();
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return (nextLong() >>> 11) * 0x1.0p-53;
  }

  /** Uniform in [0, bound), {@code bound} positive. */
  public int nextInt(int bound) {
    if (bound < 1) {
      throw new IllegalArgumentException("bound must be positive, was " + bound);
    }
    return (int) (nextDouble() * bound);
  }

  /** Standard normal. */
  public double nextGaussian() {
    if (hasSpareGaussian) {
      hasSpareGaussian = false;
      return spareGaussian;
    }
    double v1;
    double v2;
    double s;
    do {
      v1 = 2 * nextDouble() - 1;
      v2 = 2 * nextDouble() - 1;
      s = v1 * v1 + v2 * v2;
    } while (s >= 1 || s == 0);
    // Fdlibm.log is StrictMath.log to the bit, without JDK 17's native call.
    double multiplier = Math.sqrt(-2 * Fdlibm.log(s) / s);
    spareGaussian = v2 * multiplier;
    hasSpareGaussian = true;
    return v1 * multiplier;
  }
}

package io.github.syntheticpatients.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ResolvedSeedTest {

  @Test
  void reproducingAnnotationCompilesForEverySeed() {
    assertThat(new ResolvedSeed(42, "random").reproducingAnnotation()).isEqualTo("@Seed(42)");
    assertThat(new ResolvedSeed(-7, "random").reproducingAnnotation()).isEqualTo("@Seed(-7)");
    assertThat(new ResolvedSeed(Integer.MAX_VALUE + 1L, "random").reproducingAnnotation())
        .isEqualTo("@Seed(2147483648L)");
    assertThat(new ResolvedSeed(Long.MIN_VALUE, "random").reproducingAnnotation())
        .isEqualTo("@Seed(-9223372036854775808L)");
  }

  @Test
  void theFirstParameterKeepsTheSeedAndLaterOnesGetDistinctStableSeeds() {
    assertThat(Seeds.forParameter(42, 0)).isEqualTo(42);
    Set<Long> seeds = new HashSet<>();
    for (int ordinal = 0; ordinal < 100; ordinal++) {
      seeds.add(Seeds.forParameter(42, ordinal));
    }
    assertThat(seeds).hasSize(100);
    assertThat(Seeds.forParameter(42, 1))
        .isEqualTo(Seeds.forParameter(42, 1))
        .isNotEqualTo(Seeds.forParameter(43, 1));
  }

  @Test
  void laterParametersFollowThePublishedSplitMix64Sequence() {
    // Vigna's splitmix64.c started from 0 prints these three values first; parameter n gets the
    // n-th of them.
    assertThat(new ResolvedSeed(0, "@Seed on method").forParameter(1))
        .isEqualTo(0xE220A8397B1DCDAFL);
    assertThat(new ResolvedSeed(0, "@Seed on method").forParameter(2))
        .isEqualTo(0x6E789E6AA1B965F4L);
    assertThat(new ResolvedSeed(0, "@Seed on method").forParameter(3))
        .isEqualTo(0x06C45D188009454FL);
  }
}

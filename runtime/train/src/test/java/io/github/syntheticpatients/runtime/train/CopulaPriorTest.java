package io.github.syntheticpatients.runtime.train;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.encode.CsvTables;
import io.github.syntheticpatients.runtime.fit.copula.GaussianCopulaFitter;
import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The copula's rows added to a small training part: how many, seeded, value-protected. */
class CopulaPriorTest {
  private static final Table PIMA = CsvTables.load("pima2");

  @Test
  void givesScaleCopulaRowsPerRealRowMissingBelowWhatAThousandRowTableFits() {
    assertThat(CopulaPrior.rowsFor(130, 1)).isEqualTo(510);
    assertThat(CopulaPrior.rowsFor(130, 4)).isEqualTo(2040);
    assertThat(CopulaPrior.rowsFor(131, 0.5)).isEqualTo(255);
    assertThat(CopulaPrior.rowsFor(640, 4)).isZero();
    assertThat(CopulaPrior.rowsFor(1500, 4)).isZero();
    assertThat(CopulaPrior.rowsFor(130, 0)).isZero();
  }

  @Test
  void samplesSeededRowsInsideTheProtectedRange() {
    Table small = PIMA.selectRows(IntStream.range(0, 150).toArray());
    int k = 5;
    Table prior = CopulaPrior.sample(small, k, 800, 11);
    assertThat(prior.rowCount()).isEqualTo(800);
    assertThat(CopulaPrior.sample(small, k, 800, 11).column("glucose"))
        .containsExactly(prior.column("glucose"));
    assertThat(CopulaPrior.sample(small, k, 800, 12).column("glucose"))
        .isNotEqualTo(prior.column("glucose"));
    for (String name : new String[] {"glucose", "mass", "age", "pedigree"}) {
      double[] real =
          Arrays.stream(small.column(name)).filter(v -> !Double.isNaN(v)).sorted().toArray();
      double low = real[k - 1];
      double high = real[real.length - k];
      assertThat(Arrays.stream(prior.column(name)).filter(v -> !Double.isNaN(v)))
          .as(name)
          .allSatisfy(v -> assertThat(v).isBetween(low, high));
    }
  }

  @Test
  void drawsOtherRowsEachEpochAndTheSameRowsForTheSameEpoch() {
    Table small = PIMA.selectRows(IntStream.range(0, 150).toArray());
    GaussianCopula copula = GaussianCopulaFitter.fit(small, 5);
    double[] first = CopulaPrior.sample(copula, 300, 11, 0).column("glucose");
    assertThat(first).containsExactly(CopulaPrior.sample(small, 5, 300, 11).column("glucose"));
    double[] second = CopulaPrior.sample(copula, 300, 11, 1).column("glucose");
    assertThat(second).isNotEqualTo(first);
    assertThat(CopulaPrior.sample(copula, 300, 11, 1).column("glucose")).containsExactly(second);
  }
}

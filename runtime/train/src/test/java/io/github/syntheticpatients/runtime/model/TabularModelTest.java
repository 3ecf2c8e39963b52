package io.github.syntheticpatients.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.data.Table;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TabularModelTest {
  private static Table pbc;
  private static TabularModel copula;
  private static TabularModel gan;

  @BeforeAll
  static void load() {
    pbc = TestModels.pbc();
    copula =
        (TabularModel)
            ModelFile.load(ModelFile.toBytes(TestModels.copula(pbc)), "copula.synth", "copula");
    gan =
        (TabularModel)
            ModelFile.load(ModelFile.toBytes(TestModels.gan(pbc, 3)), "gan.synth", "gan");
  }

  @Test
  void theTestDataHasTheKindsTheseTestsRelyOn() {
    assertThat(pbc.schema().column("id").orElseThrow().kind()).isEqualTo(ColumnKind.IDENTIFIER);
    assertThat(pbc.schema().column("sex").orElseThrow().categories()).containsExactly("f", "m");
    assertThat(pbc.schema().column("age").orElseThrow().kind().isContinuous()).isTrue();
  }

  @Test
  void sameSeedGivesIdenticalRecordsAndAnotherSeedDifferentOnes() {
    for (TabularModel model : List.of(copula, gan)) {
      SampleResult first = model.sample(SampleRequest.of(300, 42));
      SampleResult second = model.sample(SampleRequest.of(300, 42));
      assertThat(first.records()).as(model.id()).hasSize(300).isEqualTo(second.records());
      assertThat(first.acceptanceRate()).isEqualTo(1.0);
      assertThat(model.sample(SampleRequest.of(300, 43)).records())
          .as(model.id())
          .isNotEqualTo(first.records());
      // a prefix is not guaranteed, but the record columns are the schema's output columns in order
      assertThat(first.records().get(0).columns())
          .containsExactlyElementsOf(
              model.schema().outputColumns().stream().map(c -> c.name()).toList());
    }
  }

  @Test
  void outputDoesNotDependOnTheNumberOfThreads() throws Exception {
    // 1 300 rows are three GAN chunks, sampled in parallel in the common pool but one by one in a
    // pool of one.
    for (TabularModel model : List.of(gan, copula)) {
      for (SampleRequest request :
          List.of(
              SampleRequest.of(1300, 7),
              new SampleRequest(700, 8, List.of("age>=60", "sex=m"), null))) {
        SampleResult parallel = model.sample(request);
        ForkJoinPool single = new ForkJoinPool(1);
        try {
          SampleResult sequential = single.submit(() -> model.sample(request)).get();
          assertThat(sequential.records())
              .as(model.id() + " " + request)
              .isEqualTo(parallel.records());
          assertThat(sequential.acceptanceRate()).isEqualTo(parallel.acceptanceRate());
        } finally {
          single.shutdown();
        }
      }
    }
  }

  @Test
  void ganFixesACategoryThroughTheConditionalVector() {
    SampleResult result = gan.sample(new SampleRequest(500, 1, List.of("sex=m"), null));
    assertThat(result.records())
        .hasSize(500)
        .allSatisfy(r -> assertThat(r.get("sex")).isEqualTo("m"));
    // no rejection was needed, although males are a minority of pbc
    assertThat(result.acceptanceRate()).isEqualTo(1.0);
    long malesUnconditioned =
        gan.sample(SampleRequest.of(500, 1)).records().stream()
            .filter(r -> "m".equals(r.get("sex")))
            .count();
    assertThat(malesUnconditioned).isLessThan(500);
  }

  @Test
  void copulaFixesACategoryByConditioningWithoutRejection() {
    SampleResult result = copula.sample(new SampleRequest(200, 1, List.of("sex=m"), null));
    assertThat(result.records())
        .hasSize(200)
        .allSatisfy(r -> assertThat(r.get("sex")).isEqualTo("m"));
    assertThat(result.acceptanceRate()).isEqualTo(1.0);
    // two categories: the rarer is fixed, the other met by rejection
    SampleResult both =
        copula.sample(new SampleRequest(100, 1, List.of("sex=m", "status=1"), null));
    assertThat(both.records())
        .hasSize(100)
        .allSatisfy(
            r -> {
              assertThat(r.get("sex")).isEqualTo("m");
              assertThat(r.get("status")).isEqualTo("1");
            });
    assertThat(both.acceptanceRate()).isLessThan(1.0);
  }

  @Test
  void rangeConditionsAreMetByRejection() {
    for (TabularModel model : List.of(copula, gan)) {
      SampleResult result = model.sample(new SampleRequest(200, 2, List.of("age>=60"), null));
      assertThat(result.records())
          .as(model.id())
          .hasSize(200)
          .allSatisfy(r -> assertThat(r.getDouble("age")).isGreaterThanOrEqualTo(60.0));
      assertThat(java.util.Arrays.stream(result.table().column("age")).min().orElseThrow())
          .isGreaterThanOrEqualTo(60.0);
      assertThat(result.acceptanceRate()).as(model.id()).isGreaterThan(0).isLessThan(1);
    }
  }

  @Test
  void categoryAndRangeTogether() {
    SampleResult result =
        gan.sample(new SampleRequest(100, 3, List.of("sex=f", "age=40..55"), null));
    assertThat(result.records())
        .hasSize(100)
        .allSatisfy(
            r -> {
              assertThat(r.get("sex")).isEqualTo("f");
              assertThat(r.getDouble("age")).isBetween(40.0, 55.0);
            });
  }

  @Test
  void identifiersAreAFreshSequenceNeverRealIds() {
    SampleResult result = copula.sample(SampleRequest.of(50, 4));
    List<String> ids = result.records().stream().map(r -> r.getString("id")).toList();
    assertThat(ids)
        .containsExactlyElementsOf(
            IntStream.rangeClosed(1, 50).mapToObj(Integer::toString).toList());
    // the table keeps no identifier values
    assertThat(java.util.Arrays.stream(result.table().column("id")).allMatch(Double::isNaN))
        .isTrue();
    SampleResult conditioned = gan.sample(new SampleRequest(30, 4, List.of("age>=60"), null));
    assertThat(conditioned.records().get(29).getString("id")).isEqualTo("30");
  }

  @Test
  void samplesAreNotCopiesOfTheTrainingRows() {
    Set<List<Object>> real = new HashSet<>();
    Table table = pbc;
    for (int row = 0; row < table.rowCount(); row++) {
      real.add(
          List.of(
              table.value(row, table.schema().indexOf("age")),
              table.value(row, table.schema().indexOf("bili"))));
    }
    List<PatientRecord> records = copula.sample(SampleRequest.of(200, 5)).records();
    assertThat(records).hasSize(200);
    Table sampled = Table.of(copula.sample(SampleRequest.of(200, 5)).table());
    long copies =
        IntStream.range(0, 200)
            .filter(r -> real.contains(List.of(sampled.value(r, 4), sampled.value(r, 10))))
            .count();
    assertThat(copies).isLessThan(20);
  }

  @Test
  void badConditionsNameTheParameterAndListTheChoices() {
    assertThatThrownBy(() -> gan.sample(new SampleRequest(10, 1, List.of("weight>3"), null)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("conditions"))
        .hasMessageContainingAll("no column 'weight'", "age", "sex", "stage");
    assertThatThrownBy(() -> copula.sample(new SampleRequest(10, 1, List.of("sex=x"), null)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("conditions"))
        .hasMessageContaining("known categories: f, m");
    assertThatThrownBy(() -> copula.sample(new SampleRequest(10, 1, List.of("age=>60"), null)))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("conditions"))
        .hasMessageContaining("age=>60");
    assertThatThrownBy(() -> new SampleRequest(-1, 1, null, null))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("rows"));
  }

  @Test
  void aRangeTooRareForTheBudgetFailsWithTheAcceptanceRate() {
    // Inside the range the model generates, but a continuous value is (almost) never exactly this.
    for (TabularModel model : List.of(copula, gan)) {
      assertThatThrownBy(
              () ->
                  model.sample(
                      new SampleRequest(
                          10, 1, List.of("age=50.123456789"), Duration.ofMillis(300))))
          .isInstanceOfSatisfying(
              InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("conditions"))
          .hasMessageContainingAll(
              "Only 0 of 10 records met the conditions [age=50.123456789] within the time budget"
                  + " of 0.3 s",
              "acceptance rate 0.00000",
              "Widen the ranges");
    }
  }

  @Test
  void aRangeOutsideWhatTheModelGeneratesFailsAtOnceNamingTheRange() {
    double[] ages = pbc.column("age");
    double realMin = Arrays.stream(ages).filter(a -> !Double.isNaN(a)).min().orElseThrow();
    double realMax = Arrays.stream(ages).filter(a -> !Double.isNaN(a)).max().orElseThrow();
    for (TabularModel model : List.of(copula, gan)) {
      // The default budget: were the condition left to rejection, it would fail only after 30 s,
      // and with the budget's message.
      assertThatThrownBy(
              () -> model.sample(new SampleRequest(10, 1, List.of("age>=1000", "sex=f"), null)))
          .as(model.id())
          .isInstanceOfSatisfying(
              InvalidInputException.class,
              e -> {
                assertThat(e.parameter()).isEqualTo("conditions");
                Matcher range = GENERATED.matcher(e.getMessage());
                assertThat(range.find()).as(e.getMessage()).isTrue();
                // the protected range lies inside the real data's range
                assertThat(Double.parseDouble(range.group(1)))
                    .isGreaterThanOrEqualTo(realMin)
                    .isLessThan(Double.parseDouble(range.group(2)));
                assertThat(Double.parseDouble(range.group(2))).isLessThanOrEqualTo(realMax);
              })
          .hasMessageStartingWith("Condition 'age>=1000' cannot be met")
          .hasMessageContaining("Ask for a range that overlaps age=");
      assertThatThrownBy(
              () ->
                  model.sample(
                      new SampleRequest(10, 1, List.of("age>0", "age<=1", "bili>0"), null)))
          .as(model.id())
          .isInstanceOf(InvalidInputException.class)
          .hasMessageStartingWith("Conditions 'age>0', 'age<=1' cannot be met");
    }
  }

  /** The range an impossible-condition message quotes. */
  private static final Pattern GENERATED =
      Pattern.compile("generates 'age' only from ([0-9.]+) to ([0-9.]+) ");

  @Test
  void zeroRowsGiveAnEmptyResultWithAFiniteAcceptanceRate() {
    for (TabularModel model : List.of(copula, gan)) {
      assertThat(model.sample(SampleRequest.of(0, 1)).records()).isEmpty();
      SampleResult conditioned = model.sample(new SampleRequest(0, 1, List.of("age>=60"), null));
      assertThat(conditioned.records()).isEmpty();
      // Nothing generated for nothing asked: full acceptance, not 0/0.
      assertThat(conditioned.acceptanceRate()).as(model.id()).isEqualTo(1.0);
    }
  }
}

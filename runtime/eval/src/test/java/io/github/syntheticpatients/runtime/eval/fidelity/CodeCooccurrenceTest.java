package io.github.syntheticpatients.runtime.eval.fidelity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.syntheticpatients.runtime.CodedEncounters;
import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.schema.CodeColumn;
import io.github.syntheticpatients.runtime.schema.CodeSystem;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import io.github.syntheticpatients.runtime.schema.inference.SchemaInference;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodeCooccurrenceTest {
  private static final List<String> CODES = List.of("A", "B", "C", ValueProtection.RARE_CATEGORY);
  private static final double N = Double.NaN;

  @TempDir Path dir;

  @Test
  void ratesCountEachPairOnceARecordAndSkipTheBucketAndMissing() {
    Table table = twoSlots(new double[] {0, 0, 0, 1, 0, N}, new double[] {1, 1, 2, 3, 0, 1});
    Map<String, Double> rates = CodeCooccurrence.pairRates(table, List.of("d1", "d2"));
    // (A,B) (A,B) (A,C) (B,_RARE_) (A,A) (missing,B): A-B in 2 of 6 records, A-C in 1.
    assertThat(rates).containsOnlyKeys("A\u0000B", "A\u0000C");
    assertThat(rates.get("A\u0000B")).isCloseTo(2 / 6.0, within(1e-12));
    assertThat(rates.get("A\u0000C")).isCloseTo(1 / 6.0, within(1e-12));
  }

  @Test
  void aSecondSampleOfTheSameProcessScoresHighAndShuffledSlotsScoreLow() {
    Path realCsv =
        CodedEncounters.write(CodedEncounters.Settings.defaults(5600, 17), dir.resolve("real.csv"));
    Path freshCsv =
        CodedEncounters.write(
            CodedEncounters.Settings.defaults(5600, 18), dir.resolve("fresh.csv"));
    TableSchema schema = SchemaInference.infer(realCsv);
    Table real = CsvTableReader.read(realCsv, schema);
    Table fresh = CsvTableReader.read(freshCsv, schema);
    assertThat(CodeCooccurrence.codeColumns(real)).containsExactly("diag_1", "diag_2", "diag_3");
    double same = CodeCooccurrence.r2(real, fresh);
    double shuffled = CodeCooccurrence.r2(real, shuffleColumns(real, List.of("diag_2", "diag_3")));
    assertThat(same).isGreaterThan(0.8);
    assertThat(shuffled).isLessThan(same - 0.2);
    assertThat(CodeCooccurrence.r2(real, real)).isCloseTo(1.0, within(1e-12));
  }

  @Test
  void aTableWithoutTwoCodeColumnsHasNoScore() {
    Table table = twoSlots(new double[] {0, 1, 2}, new double[] {1, 2, 0});
    assertThat(CodeCooccurrence.codeColumns(table))
        .isEmpty(); // four categories are not a code column
    assertThat(CodeCooccurrence.r2(table, table)).isNaN();
  }

  @Test
  void columnsMarkedAsCodesAreCodeColumnsWhateverTheirNumberOfCategories() {
    Table unmarked = twoSlots(new double[] {0, 1, 2}, new double[] {1, 2, 0});
    List<ColumnSchema> columns = new java.util.ArrayList<>();
    for (ColumnSchema column : unmarked.schema().columns()) {
      columns.add(column.withCodes(CodeColumn.of(CodeSystem.GENERIC)));
    }
    Table marked =
        new Table(
            TableSchema.of(columns), new double[][] {unmarked.column("d1"), unmarked.column("d2")});
    assertThat(CodeCooccurrence.codeColumns(marked)).containsExactly("d1", "d2");
  }

  private static Table twoSlots(double[] first, double[] second) {
    TableSchema schema =
        TableSchema.of(
            List.of(
                new ColumnSchema("d1", ColumnKind.CATEGORICAL, true, 0, CODES, 0, false),
                new ColumnSchema("d2", ColumnKind.CATEGORICAL, true, 0, CODES, 0, false)));
    return new Table(schema, new double[][] {first, second});
  }

  /**
   * The table with the named columns' values permuted across records: shapes kept, co-occurrence
   * broken.
   */
  private static Table shuffleColumns(Table table, List<String> names) {
    SplittableRandom random = new SplittableRandom(3);
    double[][] columns = new double[table.columnCount()][];
    for (int c = 0; c < columns.length; c++) {
      columns[c] = table.column(c).clone();
      if (names.contains(table.schema().columns().get(c).name())) {
        for (int i = columns[c].length - 1; i > 0; i--) {
          int j = random.nextInt(i + 1);
          double swap = columns[c][i];
          columns[c][i] = columns[c][j];
          columns[c][j] = swap;
        }
      }
    }
    return new Table(table.schema(), columns);
  }
}

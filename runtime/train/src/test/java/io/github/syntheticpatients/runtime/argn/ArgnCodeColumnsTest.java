package io.github.syntheticpatients.runtime.argn;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.CodedEncounters;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.fit.argn.ArgnEncodingFitter;
import io.github.syntheticpatients.runtime.io.csv.CsvTableReader;
import io.github.syntheticpatients.runtime.model.ModelContents;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.model.argn.ArgnModel;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import io.github.syntheticpatients.runtime.schema.inference.SchemaInference;
import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Diagnosis-code columns with a vocabulary of hundreds ({@link CodedEncounters}): argn learns them
 * as one softmax each, keeps them, and never emits a code held by fewer than k training records.
 */
class ArgnCodeColumnsTest {
  private static final List<String> CODES = List.of("diag_1", "diag_2", "diag_3");

  @TempDir Path dir;

  @Test
  void keepsTheCodesAndNeverEmitsOneBelowK() throws IOException {
    Path csv =
        CodedEncounters.write(CodedEncounters.Settings.defaults(3000, 17), dir.resolve("e.csv"));
    TableSchema schema = SchemaInference.infer(csv);
    Table table = CsvTableReader.read(csv, schema);
    int[] fitRows = java.util.stream.IntStream.range(0, 2700).toArray();
    int[] validationRows = java.util.stream.IntStream.range(2700, 3000).toArray();
    Table train = table.selectRows(fitRows);
    Table validation = table.selectRows(validationRows);
    int k = ValueProtection.DEFAULT_K;
    ArgnEncoding encoding = ArgnEncodingFitter.fit(train, k, 24, 12);
    int firstCode = encoding.columnNamed("diag_1");
    assertThat(encoding.vocabulary()[encoding.firstSubColumn(firstCode)]).isGreaterThan(100);
    TrainedArgn trained =
        ArgnTrainer.train(
            encoding.encode(train),
            encoding.encode(validation),
            encoding.vocabulary(),
            encoding.owners(),
            ArgnSettings.forData(train.rowCount()).withMaxEpochs(6),
            3,
            null);
    SyntheticModel model =
        ModelFile.load(
            ModelFile.toBytes(
                new ModelContents(
                    "argn",
                    "codes",
                    schema,
                    null,
                    null,
                    null,
                    Map.of(),
                    Map.of(),
                    Map.of(),
                    Map.of(),
                    new ArgnModel(encoding, trained.network()))),
            "codes",
            "codes");
    Table synthetic = Table.of(model.sample(SampleRequest.of(3000, 5)).table());
    // The diagnosis slots share one vocabulary (schema inference), so a code's holders are counted
    // over all slots: that is the protection rule.
    Map<Integer, Integer> heldInAnySlot = new java.util.HashMap<>();
    for (String name : CODES) {
      for (double v : table.column(name)) {
        if (!Double.isNaN(v)) {
          heldInAnySlot.merge((int) v, 1, Integer::sum);
        }
      }
    }
    for (String name : CODES) {
      Map<Integer, Integer> held = new java.util.HashMap<>();
      for (double v : table.column(name)) {
        if (!Double.isNaN(v)) {
          held.merge((int) v, 1, Integer::sum);
        }
      }
      Set<Integer> emitted = new HashSet<>();
      for (double v : synthetic.column(name)) {
        if (!Double.isNaN(v)) {
          emitted.add((int) v);
          assertThat(heldInAnySlot.getOrDefault((int) v, 0)).as(name).isGreaterThanOrEqualTo(k);
        }
      }
      // The column is kept and varied: most codes held by 20 or more records reappear.
      long common = held.values().stream().filter(n -> n >= 20).count();
      long commonEmitted = emitted.stream().filter(c -> held.getOrDefault(c, 0) >= 20).count();
      assertThat(commonEmitted).as(name).isGreaterThan(common * 8 / 10);
    }
  }
}

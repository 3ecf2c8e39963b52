package io.github.syntheticpatients.zoo;

import io.github.syntheticpatients.runtime.ColumnView;
import io.github.syntheticpatients.runtime.GenerateRequest;
import io.github.syntheticpatients.runtime.OutputFormat;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.io.csv.CsvRecordWriter;
import io.github.syntheticpatients.runtime.sampling.Blocks;
import io.github.syntheticpatients.runtime.sampling.Generation;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run by {@link SmallHeapGenerationTest} in a JVM with a small heap: writes {@code rows} records of
 * the default model to a CSV file either streamed ({@code stream}, through {@link Generation}) or
 * gathered in memory first ({@code gathered}: every block's records in one list, then written; the
 * control that must not fit).
 */
final class SmallHeapGeneration {
  private SmallHeapGeneration() {}

  public static void main(String[] args) {
    int rows = Integer.parseInt(args[1]);
    Path output = Path.of(args[2]);
    switch (args[0]) {
      case "stream" ->
          Generation.generate(
              new GenerateRequest("default", rows, 1, null, output, OutputFormat.CSV, null, 2));
      case "gathered" -> {
        SyntheticModel model = ModelLoader.load("default");
        List<PatientRecord> records = new ArrayList<>();
        for (long first = 0; first < rows; first += Blocks.size(model)) {
          int count = (int) Math.min(Blocks.size(model), rows - first);
          records.addAll(Blocks.sample(model, SampleRequest.of(count, 1), first).records());
        }
        List<String> columns =
            model.schema().outputColumns().stream().map(ColumnView::name).toList();
        CsvRecordWriter.write(output, columns, records);
      }
      default -> throw new IllegalArgumentException("mode stream or gathered, was " + args[0]);
    }
    System.out.println("done");
  }
}

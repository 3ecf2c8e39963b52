package io.github.syntheticpatients.runtime;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.io.csv.CsvRowReader;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.StringJoiner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a model file cannot hold is refused when the data is read, before any training. */
class TrainingLimitsTest {
  @TempDir Path dir;

  @Test
  void moreColumnsThanAModelHoldsAreRefusedBeforeTraining() throws IOException {
    int columns = ModelFile.MAX_COLUMNS + 1;
    StringBuilder csv = new StringBuilder();
    for (int row = -1; row < 30; row++) {
      StringJoiner line = new StringJoiner(",", "", "\n");
      for (int c = 0; c < columns; c++) {
        line.add(row < 0 ? "c" + c : Integer.toString((row * 7 + c) % 5));
      }
      csv.append(line);
    }
    Path input = dir.resolve("wide.csv");
    Files.writeString(input, csv, StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Training.train(request(input), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(input + ": has 1001 columns to learn; a model holds at most 1000")
        .hasMessageContaining("\"drop\": true");
  }

  @Test
  void aValueLongerThanAnyCategoryIsRefusedNamingLineAndColumn() throws IOException {
    Path input = dir.resolve("notes.csv");
    String huge = "x".repeat(CsvRowReader.MAX_VALUE_CHARS + 1);
    Files.writeString(input, "age,note\n50,short\n61,\"" + huge + "\"\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> Training.train(request(input), null))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            input
                + ", line 3, column 'note': the value is 1,000,001 characters long; a value may have at most"
                + " 1,000,000. Check for an unclosed quote \", or take the column out of the file (free text is not"
                + " learned)");
  }

  private TrainRequest request(Path input) {
    return new TrainRequest(
        input,
        null,
        dir.resolve("model.synth"),
        TrainSettings.defaults().withGenerator("copula"),
        true);
  }
}

package io.github.syntheticpatients.runtime;

import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A copula model trained on pbc (edited schema: target {@code status}) through {@link
 * Training#train}.
 */
public final class TrainedCopula {
  private TrainedCopula() {}

  /**
   * Copies pbc.csv into {@code dir}, writes the edited schema beside it and returns the training
   * request.
   */
  public static TrainRequest request(Path dir) {
    try {
      Files.createDirectories(dir);
      Path csv = Files.copy(TestData.path("pbc.csv"), dir.resolve("pbc.csv"));
      Path schema = dir.resolve("pbc.schema.json");
      Schemas.write(TableSchema.of(Schemas.infer(csv)).withTarget("status"), schema);
      return new TrainRequest(
          csv,
          schema,
          dir.resolve("pbc.synth"),
          TrainSettings.defaults().withGenerator("copula").withSeed(11),
          false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Trains into {@code dir} and returns the request used. */
  public static TrainRequest train(Path dir) {
    TrainRequest request = request(dir);
    Training.train(request, TrainingListener.NONE);
    return request;
  }
}

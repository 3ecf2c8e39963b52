package io.github.syntheticpatients.spark;

import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.SyntheticPatientsException;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.io.UncheckedIOException;

/**
 * The model the {@code model} option names, loaded once on the driver, with the bytes of its file:
 * the driver broadcasts the bytes, so the file travels once to each executor and executors need
 * neither the file system path nor the zoo jar.
 *
 * @param model the loaded model
 * @param bytes the model file, found in the order {@link ModelLoader#load} uses
 */
record DriverModel(SyntheticModel model, byte[] bytes) {

  /**
   * Loads the model and reads its file's bytes.
   *
   * @throws IllegalArgumentException naming the {@code model} option for an unknown id or a damaged
   *     or unreadable file
   */
  static DriverModel load(String reference) {
    // The file is read twice, once per call, on the driver only: the load keeps the id and source
    // that ModelLoader derives from the reference.
    try {
      return new DriverModel(ModelLoader.load(reference), ModelLoader.readBytes(reference));
    } catch (SyntheticPatientsException | UncheckedIOException e) {
      throw new IllegalArgumentException("Option 'model': " + e.getMessage(), e);
    }
  }
}

package io.github.syntheticpatients.maven;

import io.github.syntheticpatients.runtime.EngineUnavailableException;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.ModelFormatException;
import io.github.syntheticpatients.runtime.PrivacyGateException;
import io.github.syntheticpatients.runtime.SyntheticPatientsException;
import io.github.syntheticpatients.runtime.UnknownModelException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;

/**
 * Turns the runtime's typed exceptions into Maven's two kinds of failure: user-fixable problems
 * become {@link MojoFailureException}s whose message names the {@code -D} property (and POM
 * element) and the fix; environment faults become {@link MojoExecutionException}s.
 */
final class Failures {
  static final String MODEL_FIX =
      "Set -D"
          + PropertyNames.MODEL
          + " (<model> in the POM) to one of the known ids, a model file or classpath:<resource>.";
  static final String MODEL_FORMAT_FIX =
      "Retrain it with synthetic:train, or set -D"
          + PropertyNames.MODEL
          + " (<model>) to another model.";

  private Failures() {}

  /** Where a bad file came from, so the message names the property that pointed at it. */
  static MojoFailureException invalidInput(
      InvalidInputException e, Map<File, String> propertyByFile) {
    if (e.parameter() != null) {
      String parameter = e.parameter();
      return new MojoFailureException(
          "Invalid -Dsynthetic."
              + parameter
              + " (<"
              + parameter
              + "> in the POM): "
              + e.getMessage(),
          e);
    }
    if (e.file() != null) {
      Path bad = Path.of(e.file()).toAbsolutePath().normalize();
      for (Map.Entry<File, String> entry : propertyByFile.entrySet()) {
        if (entry.getKey() != null
            && entry.getKey().toPath().toAbsolutePath().normalize().equals(bad)) {
          return new MojoFailureException(
              "Invalid file given by -D" + entry.getValue() + ": " + e.getMessage(), e);
        }
      }
    }
    return new MojoFailureException(e.getMessage(), e);
  }

  /**
   * Maps any runtime exception of a goal; {@code propertyByFile} names the property behind each
   * input file.
   */
  static Exception map(RuntimeException e, Map<File, String> propertyByFile) {
    if (e instanceof InvalidInputException invalid) {
      return invalidInput(invalid, propertyByFile);
    }
    if (e instanceof UnknownModelException) {
      return new MojoFailureException(sentence(e.getMessage()) + " " + MODEL_FIX, e);
    }
    if (e instanceof ModelFormatException) {
      return new MojoFailureException(sentence(e.getMessage()) + " " + MODEL_FORMAT_FIX, e);
    }
    if (e instanceof PrivacyGateException) {
      return new MojoFailureException(e.getMessage(), e);
    }
    if (e instanceof EngineUnavailableException) {
      return new MojoExecutionException(e.getMessage(), e);
    }
    if (e instanceof UncheckedIOException io) {
      return ioFault(io.getCause());
    }
    if (e instanceof SyntheticPatientsException) {
      return new MojoExecutionException(e.getMessage(), e);
    }
    throw e;
  }

  /** The text with a full stop, so a fix can follow as its own sentence. */
  static String sentence(String text) {
    String trimmed = text == null ? "" : text.strip();
    return trimmed.endsWith(".") ? trimmed : trimmed + ".";
  }

  /** An IO fault: disk full, permissions, a file vanishing. */
  static MojoExecutionException ioFault(IOException e) {
    return new MojoExecutionException("I/O error: " + e.getMessage(), e);
  }

  /** Rethrows the mapped exception with the checked types Mojos declare. */
  static void rethrow(RuntimeException e, Map<File, String> propertyByFile)
      throws MojoExecutionException, MojoFailureException {
    Exception mapped = map(e, propertyByFile);
    if (mapped instanceof MojoFailureException failure) {
      throw failure;
    }
    throw (MojoExecutionException) mapped;
  }
}

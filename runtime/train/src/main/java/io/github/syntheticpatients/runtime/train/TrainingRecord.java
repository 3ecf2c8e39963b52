package io.github.syntheticpatients.runtime.train;

import io.github.syntheticpatients.runtime.GateCheck;
import io.github.syntheticpatients.runtime.GateResult;
import io.github.syntheticpatients.runtime.ModelFormatException;
import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.Versions;
import io.github.syntheticpatients.runtime.internal.Sha256;
import io.github.syntheticpatients.runtime.io.json.JsonFiles;
import io.github.syntheticpatients.runtime.model.ModelFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a model file records about the request that made it, and the comparison that makes {@code
 * train} incremental: same input bytes, schema file, settings, seed and toolkit version means up to
 * date.
 */
public final class TrainingRecord {
  private TrainingRecord() {}

  /**
   * Whether the model file at the request's output was made by an identical request. A missing
   * input, schema or model file, or a model file that is damaged, foreign, of a newer format or
   * written without a request record, is simply not up to date: training replaces it. Anything else
   * (an input that exists but cannot be read) is an error and is thrown, not hidden behind a
   * retrain.
   *
   * @throws java.io.UncheckedIOException when the input or schema file exists but cannot be read
   */
  public static boolean isUpToDate(TrainRequest request) {
    if (!Files.isRegularFile(request.output())
        || !Files.exists(request.input())
        || (request.schemaFile() != null && !Files.exists(request.schemaFile()))) {
      return false;
    }
    Map<String, Object> manifest;
    try {
      manifest = ModelFile.readManifest(request.output());
    } catch (IOException | ModelFormatException e) {
      return false;
    }
    if (!(manifest.get("provenance") instanceof Map<?, ?> provenance)
        || provenance.get("request") == null) {
      return false;
    }
    return Arrays.equals(
        JsonFiles.toBytes(provenance.get("request")), JsonFiles.toBytes(describe(request)));
  }

  /** The request as recorded in the model file's provenance. */
  static Map<String, Object> describe(TrainRequest request) {
    Map<String, Object> description = new LinkedHashMap<>();
    description.put("inputSha256", sha256(request.input()));
    description.put(
        "schemaSha256", request.schemaFile() == null ? "inferred" : sha256(request.schemaFile()));
    description.put("settings", requestedSettings(request.settings()));
    if (request.entityId() != null || request.time() != null) {
      // Only when set, so that tabular model files record their requests as before.
      description.put("entityId", request.entityId());
      description.put("time", request.time());
    }
    description.put("toolkitVersion", Versions.toolkit());
    return description;
  }

  static Map<String, Object> requestedSettings(TrainSettings settings) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("generator", settings.generator());
    block.put("epochs", settings.epochs());
    block.put("batchSize", settings.batchSize());
    block.put("seed", settings.seed());
    // splitDir says where real rows are written, not how the model is made: a local path in the
    // file would change its content, and so its sampling streams, with the directory.
    Map<String, String> options = new TreeMap<>(settings.options());
    options.remove(TrainingOptions.SPLIT_DIR);
    block.put("options", options);
    return block;
  }

  static Map<String, Object> describe(GateResult gate) {
    Map<String, Object> block = new LinkedHashMap<>();
    block.put("passed", gate.passed());
    block.put("summary", gate.summary());
    List<Object> checks = new ArrayList<>();
    for (GateCheck check : gate.checks()) {
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("id", check.id());
      c.put("name", check.name());
      c.put("level", check.level());
      c.put("passed", check.passed());
      c.put("status", check.status());
      c.put("value", finite(check.value()));
      c.put("threshold", finite(check.threshold()));
      if (check.calibrated()) {
        // what the test can detect at this size: values above the threshold, against fresh real
        // data's nullValue
        c.put("nullValue", check.nullValue());
      }
      c.put("rule", check.rule());
      checks.add(c);
    }
    block.put("checks", checks);
    return block;
  }

  private static Object finite(double value) {
    return Double.isFinite(value) ? value : String.valueOf(value);
  }

  /**
   * The sha256 of a file, streamed; of a directory (per-patient files), the sha256 over its regular
   * files' relative paths and contents in sorted order, so any change to a patient file or the set
   * of files changes it.
   */
  static String sha256(Path file) {
    if (Files.isDirectory(file)) {
      return directorySha256(file);
    }
    return Sha256.hex(file);
  }

  private static String directorySha256(Path directory) {
    try (java.util.stream.Stream<Path> walk = Files.walk(directory)) {
      MessageDigest digest = Sha256.digest();
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String relative = directory.relativize(file).toString().replace('\\', '/');
        digest.update(
            (relative + "\n" + Sha256.hex(file) + "\n")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }
      return Sha256.hex(digest);
    } catch (IOException e) {
      throw new UncheckedIOException("Could not read " + directory + ": " + e.getMessage(), e);
    }
  }
}

package io.github.syntheticpatients.spark;

import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The models loaded in this JVM (an executor, or the driver in local mode), by the SHA-256 of their
 * file: each executor loads a model once, whatever the number of tasks it runs.
 */
final class ExecutorModels {
  /** Few jobs read more than a couple of models; the oldest is dropped past this. */
  private static final int MAX_MODELS = 4;

  private static final Map<String, SyntheticModel> MODELS =
      new LinkedHashMap<>(MAX_MODELS, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SyntheticModel> eldest) {
          return size() > MAX_MODELS;
        }
      };

  private ExecutorModels() {}

  /**
   * The model whose file has this SHA-256, loaded from {@code bytes} the first time.
   *
   * @param sha256 the model file's SHA-256, in hex
   * @param id the model's id, for messages
   * @param bytes the model file; asked for only when the model is not loaded yet
   */
  static synchronized SyntheticModel get(String sha256, String id, Supplier<byte[]> bytes) {
    SyntheticModel model = MODELS.get(sha256);
    if (model == null) {
      model = ModelLoader.load(bytes.get(), id);
      if (!model.sha256().equals(sha256)) {
        throw new IllegalStateException(
            "The model file that reached this executor has SHA-256 "
                + model.sha256()
                + ", not "
                + sha256);
      }
      MODELS.put(sha256, model);
    }
    return model;
  }
}

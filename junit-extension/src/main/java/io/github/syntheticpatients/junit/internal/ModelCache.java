package io.github.syntheticpatients.junit.internal;

import io.github.syntheticpatients.runtime.SyntheticModel;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The models loaded in this JVM, by the reference the test named. Lives in JUnit's root store, so
 * each model is loaded once per JVM, and is closed when the root context closes. JUnit 5.10 to 5.12
 * close a store value that is a {@code CloseableResource}, 5.13 and later one that is {@code
 * AutoCloseable}; this is both, and closing twice is harmless.
 */
public final class ModelCache implements ExtensionContext.Store.CloseableResource, AutoCloseable {
  private final ConcurrentMap<String, SyntheticModel> models = new ConcurrentHashMap<>();
  private final Function<String, SyntheticModel> loader;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * @param loader loads a model by reference; called at most once per reference (unless it throws)
   */
  public ModelCache(Function<String, SyntheticModel> loader) {
    this.loader = loader;
  }

  /**
   * The model for a reference, loading it on first use. Concurrent callers for one reference share
   * one load.
   */
  public SyntheticModel get(String reference) {
    if (closed.get()) {
      throw new IllegalStateException("The model cache is closed: the test run has ended");
    }
    return models.computeIfAbsent(reference, loader);
  }

  /** How many models are loaded. */
  public int size() {
    return models.size();
  }

  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    IllegalStateException failure = null;
    for (SyntheticModel model : models.values()) {
      // Plain-Java models hold nothing to release; close any that do.
      if (model instanceof AutoCloseable closeable) {
        try {
          closeable.close();
        } catch (Exception e) {
          if (failure == null) {
            failure = new IllegalStateException("Could not close every synthetic-patients model");
          }
          failure.addSuppressed(e);
        }
      }
    }
    models.clear();
    if (failure != null) {
      throw failure;
    }
  }
}

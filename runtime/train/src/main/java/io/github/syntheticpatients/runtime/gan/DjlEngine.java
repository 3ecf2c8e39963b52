package io.github.syntheticpatients.runtime.gan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.jni.JniUtils;
import io.github.syntheticpatients.runtime.EngineUnavailableException;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts DJL's PyTorch engine for a training and turns "not there" into {@link
 * EngineUnavailableException}. It also fixes what training's numbers depend on besides seed, data
 * and versions: the torch thread count (see {@link #DEFAULT_THREADS}), recorded with the oneDNN ISA
 * cap by {@link #numerics()}.
 */
public final class DjlEngine {
  static final String ENGINE_NAME = "PyTorch";

  /**
   * DJL's system property for torch's intra-op threads, read when the engine starts; the user's
   * value wins.
   */
  public static final String THREADS_PROPERTY = "ai.djl.pytorch.num_threads";

  /**
   * DJL's system property for torch's inter-op threads, read when the engine starts; the user's
   * value wins.
   */
  public static final String INTEROP_THREADS_PROPERTY = "ai.djl.pytorch.num_interop_threads";

  /**
   * Torch threads (intra- and inter-op) when the user sets none. One, not the core count: a
   * reduction split over another number of threads sums in another order, so the same seed trained
   * another CTGAN with another thread count, and the default would make the model depend on the
   * machine. One thread is also faster for the networks trained here (docs/numerics.md: 1 vs 2
   * threads per epoch), and libtorch's OpenMP threads spin on a shared machine (a 149-row table
   * took 657 s with the default threads, 27 s with one).
   */
  public static final int DEFAULT_THREADS = 1;

  private static final String[] ISA_CAPS = {"ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA"};

  /**
   * PyTorch's own kernel choice: "default" (no SIMD) trains other bits than avx2
   * (docs/numerics.md).
   */
  private static final String ATEN_CAPABILITY = "ATEN_CPU_CAPABILITY";

  private DjlEngine() {}

  public static Engine engine() {
    // DJL reads these once, when the engine starts: set them first unless the user did.
    if (System.getProperty(THREADS_PROPERTY) == null) {
      System.setProperty(THREADS_PROPERTY, Integer.toString(DEFAULT_THREADS));
    }
    if (System.getProperty(INTEROP_THREADS_PROPERTY) == null) {
      System.setProperty(INTEROP_THREADS_PROPERTY, Integer.toString(DEFAULT_THREADS));
    }
    try {
      return Engine.getEngine(ENGINE_NAME);
    } catch (RuntimeException | LinkageError e) {
      throw new EngineUnavailableException(
          "The DJL PyTorch engine is not available ("
              + e.getMessage()
              + "); training needs ai.djl.pytorch:pytorch-engine and pytorch-native-cpu on the classpath",
          e);
    }
  }

  static GanTraining open(
      float[] data, int rows, EncodedLayout layout, GanSettings settings, long seed) {
    return new GanTraining(engine(), data, rows, layout, settings, seed);
  }

  /**
   * What a trained network's numbers depend on besides seed, data and versions, for a model's
   * provenance: the engine and its version, torch's intra- and inter-op threads, the oneDNN ISA cap
   * ({@code ONEDNN_MAX_CPU_ISA} or {@code DNNL_MAX_CPU_ISA}) and PyTorch's kernel level ({@code
   * ATEN_CPU_CAPABILITY}), each "unset" when not set. Starts the engine if it has not started.
   */
  public static Map<String, Object> numerics() {
    Engine engine = engine();
    Map<String, Object> numerics = new LinkedHashMap<>();
    numerics.put("engine", engine.getEngineName() + " " + engine.getVersion());
    numerics.put("intraOpThreads", JniUtils.getNumThreads());
    numerics.put("interOpThreads", JniUtils.getNumInteropThreads());
    String cap = "unset";
    for (String variable : ISA_CAPS) {
      String value = System.getenv(variable);
      if (value != null && !value.isBlank()) {
        cap = variable + "=" + value.trim();
        break;
      }
    }
    numerics.put("onednnMaxCpuIsa", cap);
    String capability = System.getenv(ATEN_CAPABILITY);
    numerics.put(
        "atenCpuCapability",
        capability == null || capability.isBlank() ? "unset" : capability.trim());
    return numerics;
  }

  /** The number of values in each of {@code parameters}, in order (a DP-SGD step's layout). */
  public static int[] sizes(List<NDArray> parameters) {
    int[] sizes = new int[parameters.size()];
    for (int p = 0; p < sizes.length; p++) {
      sizes[p] = Math.toIntExact(parameters.get(p).size());
    }
    return sizes;
  }
}

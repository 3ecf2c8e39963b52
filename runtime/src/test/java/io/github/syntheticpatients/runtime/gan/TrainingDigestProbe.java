package io.github.syntheticpatients.runtime.gan;

import io.github.syntheticpatients.runtime.model.DenseLayer;
import io.github.syntheticpatients.runtime.model.LstmLayer;
import io.github.syntheticpatients.runtime.model.TimelineGenerator;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Trains a small timeline GAN at a fixed seed and prints the SHA-256 of its exported weights (not run by the tests;
 * docs/numerics.md). Run it under different {@code ONEDNN_MAX_CPU_ISA}, {@code MKL_ENABLE_INSTRUCTIONS} or
 * {@code -Dai.djl.pytorch.num_threads} values to see which of them change the trained bits:
 * {@code java -cp <test classpath> io.github.syntheticpatients.runtime.gan.TrainingDigestProbe}.
 */
public final class TrainingDigestProbe {
  private TrainingDigestProbe() {}

  public static void main(String[] args) throws NoSuchAlgorithmException {
    TimelineGanSettings settings = TimelineGanSettings.defaults().withEpochs(4).withBatchSize(16).withLatentDim(4)
        .withCriticSteps(2);
    TrainedTimelineGenerator trained =
        TimelineGanTrainer.train(RisingTimelines.data(40, 2), RisingTimelines.LAYOUT, settings, 42, null);
    TimelineGenerator generator = trained.generator();
    List<float[]> all = new ArrayList<>();
    for (LstmLayer lstm : List.of(generator.forwardLstm(), generator.backwardLstm())) {
      all.add(lstm.inputWeight());
      all.add(lstm.recurrentWeight());
      all.add(lstm.bias());
    }
    for (DenseLayer layer : generator.head().layers()) {
      all.add(layer.weight());
      all.add(layer.bias());
    }
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    for (float[] values : all) {
      ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES);
      for (float v : values) {
        bytes.putFloat(v);
      }
      digest.update(bytes.array());
    }
    System.out.printf("ONEDNN_MAX_CPU_ISA=%s MKL_ENABLE_INSTRUCTIONS=%s threads=%s: weights %s, last generator loss %s%n",
        System.getenv("ONEDNN_MAX_CPU_ISA"), System.getenv("MKL_ENABLE_INSTRUCTIONS"),
        System.getProperty(DjlEngine.THREADS_PROPERTY), HexFormat.of().formatHex(digest.digest()),
        trained.generatorLosses()[trained.generatorLosses().length - 1]);
  }
}

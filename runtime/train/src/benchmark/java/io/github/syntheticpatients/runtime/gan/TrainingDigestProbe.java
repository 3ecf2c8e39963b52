package io.github.syntheticpatients.runtime.gan;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Trains a small timeline GAN at a fixed seed and prints the SHA-256 of its exported weights (not
 * run by the tests; docs/numerics.md). Run it under different {@code ONEDNN_MAX_CPU_ISA}, {@code
 * MKL_ENABLE_INSTRUCTIONS} or {@code -Dai.djl.pytorch.num_threads} values to see which of them
 * change the trained bits: {@code java -cp <test classpath>
 * io.github.syntheticpatients.runtime.gan.TrainingDigestProbe}.
 */
public final class TrainingDigestProbe {
  private TrainingDigestProbe() {}

  public static void main(String[] args) throws NoSuchAlgorithmException {
    TimelineGanSettings settings =
        TimelineGanSettings.builder()
            .optEpochs(4)
            .optBatchSize(16)
            .optLatentDim(4)
            .optCriticSteps(2)
            .build();
    TrainedTimelineGenerator trained =
        TimelineGanTrainer.train(
            RisingTimelines.data(40, 2), RisingTimelines.LAYOUT, settings, 42, null);
    List<float[]> all = TimelineGanTrainerTest.weightArrays(trained.generator());
    MessageDigest digest = MessageDigest.getInstance("SHA-256");
    for (float[] values : all) {
      ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES);
      for (float v : values) {
        bytes.putFloat(v);
      }
      digest.update(bytes.array());
    }
    System.out.printf(
        "ONEDNN_MAX_CPU_ISA=%s MKL_ENABLE_INSTRUCTIONS=%s threads=%s: weights %s, last generator loss %s%n",
        System.getenv("ONEDNN_MAX_CPU_ISA"),
        System.getenv("MKL_ENABLE_INSTRUCTIONS"),
        System.getProperty(DjlEngine.THREADS_PROPERTY),
        HexFormat.of().formatHex(digest.digest()),
        trained.generatorLosses()[trained.generatorLosses().length - 1]);
  }
}

package io.github.syntheticpatients.runtime.argn;

import io.github.syntheticpatients.runtime.TrainRequest;
import io.github.syntheticpatients.runtime.TrainSettings;
import io.github.syntheticpatients.runtime.TrainingListener;
import io.github.syntheticpatients.runtime.training.Training;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Trains {@code argn} at a fixed seed on pbc (a flat table) and on pbcseq (timelines) through
 * {@code Training.train}, three epochs each, and prints the SHA-256 of each model's {@code
 * weights.bin} (not run by the tests; docs/numerics.md). {@code .ci/run} runs it under different
 * {@code ONEDNN_MAX_CPU_ISA} and {@code ATEN_CPU_CAPABILITY} values and fails when the weights
 * differ: {@code java -cp <test classpath>
 * io.github.syntheticpatients.runtime.argn.ArgnDigestProbe}.
 */
public final class ArgnDigestProbe {
  private ArgnDigestProbe() {}

  public static void main(String[] args)
      throws IOException, URISyntaxException, NoSuchAlgorithmException {
    Path dir = Files.createTempDirectory("argn-digest");
    TrainSettings settings =
        TrainSettings.defaults()
            .withGenerator("argn")
            .withEpochs(3)
            .withSeed(42)
            .withOption("privacyGate", "warn");
    print(
        "argn flat (pbc)",
        train(new TrainRequest(data("pbc"), null, dir.resolve("pbc.synth"), settings, true)));
    print(
        "argn timeline (pbcseq)",
        train(
            new TrainRequest(data("pbcseq"), null, dir.resolve("pbcseq.synth"), settings, true)
                .withLongitudinal("id", "day")));
  }

  private static byte[] train(TrainRequest request) throws IOException {
    Training.train(request, TrainingListener.NONE);
    return weights(Files.readAllBytes(request.output()));
  }

  private static void print(String what, byte[] weights) throws NoSuchAlgorithmException {
    System.out.printf(
        "ONEDNN_MAX_CPU_ISA=%s ATEN_CPU_CAPABILITY=%s %s: weights %s%n",
        System.getenv("ONEDNN_MAX_CPU_ISA"),
        System.getenv("ATEN_CPU_CAPABILITY"),
        what,
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(weights)));
  }

  /** The model file's {@code weights.bin}. */
  private static byte[] weights(byte[] model) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(model))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().equals("weights.bin")) {
          return in.readAllBytes();
        }
      }
    }
    throw new IOException("the model file has no weights.bin");
  }

  private static Path data(String name) throws URISyntaxException {
    return Path.of(ArgnDigestProbe.class.getResource("/data/" + name + ".csv").toURI());
  }
}

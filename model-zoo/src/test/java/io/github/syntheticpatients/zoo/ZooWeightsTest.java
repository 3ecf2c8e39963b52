package io.github.syntheticpatients.zoo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.model.ModelFile;
import io.github.syntheticpatients.runtime.model.WeightsFile;
import io.github.syntheticpatients.runtime.model.WeightsFile.Tensor;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ZooWeightsTest {
  private static final float ULP = 0x1p-10f;

  @Test
  void roundsToTenMantissaBitsWithTiesToEven() {
    assertThat(ZooWeights.round(1f)).isEqualTo(1f);
    // half an ulp above 1 (odd neighbour 1 + ulp): the even one, 1
    assertThat(ZooWeights.round(1f + ULP / 2)).isEqualTo(1f);
    // half an ulp above 1 + ulp: the even neighbour 1 + 2 ulp
    assertThat(ZooWeights.round(1f + ULP + ULP / 2)).isEqualTo(1f + 2 * ULP);
    // just past half an ulp: up, the same for negative values
    assertThat(ZooWeights.round(1f + ULP / 2 + 0x1p-23f)).isEqualTo(1f + ULP);
    assertThat(ZooWeights.round(-(1f + ULP / 2 + 0x1p-23f))).isEqualTo(-(1f + ULP));
    // a carry out of the mantissa moves to the next power of two
    assertThat(ZooWeights.round(2f - 0x1p-23f)).isEqualTo(2f);
    assertThat(ZooWeights.round(0.75f * 0x1p-40f)).isEqualTo(0.75f * 0x1p-40f);
    assertThat(ZooWeights.round(0f)).isEqualTo(0f);
    assertThat(ZooWeights.round(Float.NaN)).isNaN();
    assertThat(ZooWeights.round(Float.NEGATIVE_INFINITY)).isEqualTo(Float.NEGATIVE_INFINITY);
    // the largest float would round to infinity: the largest float with ten mantissa bits
    assertThat(ZooWeights.round(Float.MAX_VALUE)).isEqualTo(0x1.ffcp127f);
  }

  @Test
  void aModelWithRoundedWeightsKeepsEverythingElseAndDeflatesSmaller() throws IOException {
    // the bundled weights are rounded already: give them full float32 mantissas back first
    byte[] bytes =
        ModelFile.withWeights(
            ModelLoader.readBytes("rotterdam"), "rotterdam.synth", ZooWeightsTest::lowBitsSet);
    SyntheticModel before = ModelFile.load(bytes, "full.synth", "full");
    byte[] rounded = ModelFile.withWeights(bytes, "full.synth", ZooWeights::rounded);
    SyntheticModel after = ModelFile.load(rounded, "rounded.synth", "rounded");

    Map<String, Tensor> original = weights(bytes);
    Map<String, Tensor> kept = weights(rounded);
    assertThat(kept.keySet()).containsExactlyElementsOf(original.keySet());
    original.forEach(
        (name, tensor) -> {
          float[] was = tensor.values();
          float[] now = kept.get(name).values();
          for (int i = 0; i < was.length; i++) {
            assertThat(now[i]).isEqualTo(ZooWeights.round(was[i]));
            assertThat(Math.abs(now[i] - was[i])).isLessThanOrEqualTo(Math.abs(was[i]) * 0x1p-11f);
          }
        });
    assertThat(after.info().evaluation()).isEqualTo(before.info().evaluation());
    assertThat(TableSchema.of(after.schema())).isEqualTo(TableSchema.of(before.schema()));
    assertThat(deflated(entry(rounded, "weights.bin")))
        .isLessThan(deflated(entry(bytes, "weights.bin")) * 9 / 10);
    assertThat(after.sample(SampleRequest.of(5, 7L)).records()).hasSize(5);
  }

  @ParameterizedTest
  @ValueSource(strings = {"pbcseq", "rotterdam", "nafld1"})
  void theBundledNetworksShipRoundedWeights(String id) throws IOException {
    weights(ModelLoader.readBytes(id))
        .forEach(
            (name, tensor) -> {
              for (float value : tensor.values()) {
                assertThat(ZooWeights.round(value)).isEqualTo(value);
              }
            });
  }

  /**
   * Every non-zero value with its 13 low mantissa bits set from a fixed pattern, as in training.
   */
  private static Map<String, Tensor> lowBitsSet(Map<String, Tensor> tensors) {
    Map<String, Tensor> full = new LinkedHashMap<>();
    int[] counter = {0};
    tensors.forEach(
        (name, tensor) -> {
          float[] values = tensor.values().clone();
          for (int i = 0; i < values.length; i++) {
            int pattern = (counter[0]++ * 0x9E3779B1) >>> 19;
            if (values[i] != 0) {
              values[i] = Float.intBitsToFloat(Float.floatToRawIntBits(values[i]) | pattern);
            }
          }
          full.put(name, new Tensor(tensor.shape(), values));
        });
    return full;
  }

  @Test
  void aChangeThatReshapesATensorIsRefused() {
    byte[] bytes = ModelLoader.readBytes("rotterdam");
    assertThatThrownBy(
            () ->
                ModelFile.withWeights(
                    bytes,
                    "rotterdam.synth",
                    tensors -> {
                      Map<String, Tensor> changed = new LinkedHashMap<>(tensors);
                      String first = changed.keySet().iterator().next();
                      changed.put(first, new Tensor(new int[] {1}, new float[] {0f}));
                      return changed;
                    }))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("must keep its shape");
  }

  @Test
  void aModelWithoutWeightsIsKeptAsItIs() {
    byte[] copula = ModelLoader.readBytes("default");
    assertThat(ModelFile.withWeights(copula, "default.synth", ZooWeights::rounded))
        .isEqualTo(copula);
  }

  private static Map<String, Tensor> weights(byte[] model) throws IOException {
    return WeightsFile.read(new ByteArrayInputStream(entry(model, "weights.bin")));
  }

  private static byte[] entry(byte[] zip, String name) throws IOException {
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().equals(name)) {
          return in.readAllBytes();
        }
      }
    }
    throw new IllegalStateException("no " + name);
  }

  private static int deflated(byte[] bytes) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DeflaterOutputStream deflater = new DeflaterOutputStream(out)) {
      deflater.write(bytes);
    }
    return out.size();
  }
}

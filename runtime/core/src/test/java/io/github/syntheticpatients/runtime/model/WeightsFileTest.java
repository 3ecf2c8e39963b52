package io.github.syntheticpatients.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightsFileTest {

  private static Map<String, WeightsFile.Tensor> sample() {
    Map<String, WeightsFile.Tensor> tensors = new LinkedHashMap<>();
    tensors.put(
        "layer0.weight",
        new WeightsFile.Tensor(
            new int[] {2, 3}, new float[] {1f, -2.5f, 3e-7f, Float.MAX_VALUE, 0f, -0f}));
    tensors.put(
        "layer0.bias", new WeightsFile.Tensor(new int[] {3}, new float[] {0.1f, 0.2f, 0.3f}));
    tensors.put("skalär", new WeightsFile.Tensor(new int[] {}, new float[] {42f}));
    tensors.put("empty", new WeightsFile.Tensor(new int[] {0, 4}, new float[0]));
    return tensors;
  }

  @Test
  void roundTripKeepsNamesOrderShapesAndValues() throws IOException {
    Map<String, WeightsFile.Tensor> tensors = sample();
    Map<String, WeightsFile.Tensor> read =
        WeightsFile.read(new ByteArrayInputStream(WeightsFile.write(tensors)));

    assertThat(read.keySet()).containsExactly("layer0.weight", "layer0.bias", "skalär", "empty");
    for (String name : tensors.keySet()) {
      assertThat(read.get(name).shape()).as(name).containsExactly(tensors.get(name).shape());
      assertThat(read.get(name).values()).as(name).containsExactly(tensors.get(name).values());
    }
    // -0f survives bit for bit
    assertThat(Float.floatToRawIntBits(read.get("layer0.weight").values()[5]))
        .isEqualTo(Float.floatToRawIntBits(-0f));
  }

  @Test
  void layoutIsTheDocumentedLittleEndianOne() {
    byte[] bytes =
        WeightsFile.write(
            Map.of("w", new WeightsFile.Tensor(new int[] {2}, new float[] {1.5f, -2f})));
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertThat(Arrays.copyOfRange(bytes, 0, 4)).containsExactly('S', 'P', 'W', '1');
    buffer.position(4);
    assertThat(buffer.getInt()).as("count").isEqualTo(1);
    assertThat(buffer.getInt()).as("name length").isEqualTo(1);
    assertThat(buffer.get()).isEqualTo((byte) 'w');
    assertThat(buffer.getInt()).as("rank").isEqualTo(1);
    assertThat(buffer.getInt()).as("dim").isEqualTo(2);
    assertThat(buffer.getFloat()).isEqualTo(1.5f);
    assertThat(buffer.getFloat()).isEqualTo(-2f);
    assertThat(buffer.hasRemaining()).isFalse();
  }

  @Test
  void sameTensorsGiveSameBytes() {
    assertThat(WeightsFile.write(sample())).isEqualTo(WeightsFile.write(sample()));
  }

  @Test
  void everyTruncationIsAnIOException() {
    byte[] bytes = WeightsFile.write(sample());
    for (int length : List.of(0, 3, 4, 7, 10, 20, bytes.length - 1)) {
      byte[] truncated = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> WeightsFile.read(new ByteArrayInputStream(truncated)))
          .as("truncated to %d bytes", length)
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void truncatedDataSaysTruncated() {
    byte[] bytes = WeightsFile.write(sample());
    assertThatThrownBy(
            () ->
                WeightsFile.read(new ByteArrayInputStream(Arrays.copyOf(bytes, bytes.length - 2))))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truncated");
  }

  @Test
  void badMagicIsAnIOException() {
    byte[] bytes = WeightsFile.write(sample());
    bytes[3] = '2';
    assertThatThrownBy(() -> WeightsFile.read(new ByteArrayInputStream(bytes)))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("SPW1");
  }

  @Test
  void implausibleHeadersAreIOExceptionsNotHugeAllocations() {
    ByteBuffer negativeCount = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    negativeCount.put(new byte[] {'S', 'P', 'W', '1'}).putInt(-1);
    assertThatThrownBy(() -> WeightsFile.read(new ByteArrayInputStream(negativeCount.array())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("negative");

    ByteBuffer hugeName = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    hugeName.put(new byte[] {'S', 'P', 'W', '1'}).putInt(1).putInt(Integer.MAX_VALUE);
    assertThatThrownBy(() -> WeightsFile.read(new ByteArrayInputStream(hugeName.array())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("name length");

    ByteBuffer hugeTensor = ByteBuffer.allocate(25).order(ByteOrder.LITTLE_ENDIAN);
    hugeTensor
        .put(new byte[] {'S', 'P', 'W', '1'})
        .putInt(1)
        .putInt(1)
        .put((byte) 'w')
        .putInt(2)
        .putInt(1 << 20)
        .putInt(1 << 20);
    assertThatThrownBy(() -> WeightsFile.read(new ByteArrayInputStream(hugeTensor.array())))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("too large");
  }

  @Test
  void tensorShapeMustMatchItsValues() {
    assertThatThrownBy(() -> new WeightsFile.Tensor(new int[] {2, 2}, new float[3]))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

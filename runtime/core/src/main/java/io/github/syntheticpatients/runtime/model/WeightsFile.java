package io.github.syntheticpatients.runtime.model;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The binary layout of a model's weights ({@code weights.bin} in the model file), simple enough to
 * read in any language:
 *
 * <pre>
 *   magic     4 bytes  "SPW1"
 *   count     int32    number of tensors
 *   count times:
 *     nameLen int32, name  UTF-8 bytes
 *     rank    int32, dims  rank × int32
 *     data    product(dims) × float32, row-major
 * </pre>
 *
 * All integers and floats are little-endian. Tensors appear in insertion order.
 */
public final class WeightsFile {
  private static final byte[] MAGIC = {'S', 'P', 'W', '1'};
  private static final int MAX_NAME_BYTES = 1 << 10;
  private static final int MAX_RANK = 8;

  private WeightsFile() {}

  /** A named tensor: its shape and row-major values. */
  public record Tensor(int[] shape, float[] values) {
    public Tensor {
      long size = 1;
      for (int d : shape) {
        size *= d;
      }
      if (size != values.length) {
        throw new IllegalArgumentException(
            "Tensor shape does not match its " + values.length + " values");
      }
    }
  }

  /** Serialises the tensors in map order. */
  public static byte[] write(Map<String, Tensor> tensors) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(MAGIC);
    out.writeBytes(intBytes(tensors.size()));
    for (Map.Entry<String, Tensor> entry : tensors.entrySet()) {
      byte[] name = entry.getKey().getBytes(StandardCharsets.UTF_8);
      out.writeBytes(intBytes(name.length));
      out.writeBytes(name);
      int[] shape = entry.getValue().shape();
      out.writeBytes(intBytes(shape.length));
      for (int d : shape) {
        out.writeBytes(intBytes(d));
      }
      float[] values = entry.getValue().values();
      ByteBuffer buffer =
          ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
      buffer.asFloatBuffer().put(values);
      out.writeBytes(buffer.array());
    }
    return out.toByteArray();
  }

  /**
   * Reads tensors written by {@link #write}.
   *
   * @throws IOException when the bytes are truncated or not a weights file
   */
  public static Map<String, Tensor> read(InputStream input) throws IOException {
    DataInputStream in = new DataInputStream(input);
    byte[] magic = in.readNBytes(MAGIC.length);
    if (!java.util.Arrays.equals(magic, MAGIC)) {
      throw new IOException("weights do not start with the SPW1 magic bytes");
    }
    int count = readInt(in);
    if (count < 0) {
      throw new IOException("negative tensor count " + count);
    }
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (int t = 0; t < count; t++) {
      int nameLength = readInt(in);
      if (nameLength < 0 || nameLength > MAX_NAME_BYTES) {
        throw new IOException("implausible tensor name length " + nameLength);
      }
      String name = new String(readExactly(in, nameLength), StandardCharsets.UTF_8);
      int rank = readInt(in);
      if (rank < 0 || rank > MAX_RANK) {
        throw new IOException("implausible rank " + rank + " of tensor " + name);
      }
      int[] shape = new int[rank];
      long size = 1;
      for (int d = 0; d < rank; d++) {
        shape[d] = readInt(in);
        if (shape[d] < 0) {
          throw new IOException("negative dimension in tensor " + name);
        }
        size *= shape[d];
      }
      if (size > Integer.MAX_VALUE / Float.BYTES) {
        throw new IOException("tensor " + name + " is too large");
      }
      byte[] data = readExactly(in, (int) size * Float.BYTES);
      float[] values = new float[(int) size];
      ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(values);
      tensors.put(name, new Tensor(shape, values));
    }
    return tensors;
  }

  private static byte[] readExactly(DataInputStream in, int length) throws IOException {
    byte[] bytes = in.readNBytes(length);
    if (bytes.length != length) {
      throw new IOException("weights are truncated");
    }
    return bytes;
  }

  private static int readInt(DataInputStream in) throws IOException {
    byte[] bytes = readExactly(in, Integer.BYTES);
    return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
  }

  private static byte[] intBytes(int value) {
    return ByteBuffer.allocate(Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }
}

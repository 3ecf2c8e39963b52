package io.github.syntheticpatients.runtime.model.argn;

import java.util.Objects;

/**
 * A trained autoregressive generator: the sub-column encoding and the chain of heads over it.
 *
 * @param encoding the columns as discrete sub-columns
 * @param network the heads, one per sub-column of the encoding
 */
public record ArgnModel(ArgnEncoding encoding, ArgnNetwork network) {
  public ArgnModel {
    Objects.requireNonNull(encoding, "encoding");
    Objects.requireNonNull(network, "network");
    if (!java.util.Arrays.equals(encoding.vocabulary(), network.vocabulary())) {
      throw new IllegalArgumentException(
          "the argn network's heads do not match the encoding's sub-columns");
    }
  }
}

package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.ValueRange;
import io.github.syntheticpatients.runtime.model.argn.ArgnColumn;
import io.github.syntheticpatients.runtime.model.argn.ArgnEncoding;
import io.github.syntheticpatients.runtime.model.argn.ArgnModel;
import io.github.syntheticpatients.runtime.model.argn.ChainSampler;
import io.github.syntheticpatients.runtime.random.RandomStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Samples the autoregressive generator ({@code argn}) in plain Java: sub-columns in schema order,
 * each symbol drawn from its head given the ones before, then decoded to values.
 *
 * <p>A network trained on random column orders can take any columns first, so fixed categories are
 * set first and the rest follow from them: conditions without rejection. A network trained on one
 * order cannot (its earlier columns would not depend on a later fixed one), so it fixes none and
 * leaves conditions to rejection.
 *
 * <p>Rows come in fixed-size chunks, each with its own stream split off in order before any work
 * starts, so the output is the same whatever the number of threads.
 */
final class ArgnRowSampler implements RowSampler {
  private static final int CHUNK_ROWS = 512;

  private final ArgnEncoding encoding;
  private final ChainSampler chain;

  ArgnRowSampler(ArgnModel model) {
    this.encoding = model.encoding();
    this.chain = new ChainSampler(model.network());
  }

  @Override
  public Map<String, Integer> conditionable(Map<String, Integer> requested) {
    Map<String, Integer> chosen = new LinkedHashMap<>();
    if (!chain.network().anyOrder()) {
      return chosen;
    }
    requested.forEach(
        (name, category) -> {
          int c = encoding.columnNamed(name);
          if (c >= 0 && encoding.columns().get(c).kind() == ArgnColumn.Kind.CATEGORICAL) {
            chosen.put(name, category);
          }
        });
    return chosen;
  }

  @Override
  public Optional<ValueRange> valueRange(String column) {
    int c = encoding.columnNamed(column);
    if (c < 0 || encoding.columns().get(c).kind() != ArgnColumn.Kind.NUMERIC) {
      return Optional.empty();
    }
    return Optional.of(encoding.columns().get(c).valueRange());
  }

  @Override
  public Table sample(int rows, Map<String, Integer> fixed, RandomStream random) {
    int width = encoding.width();
    boolean[] isFixed = new boolean[width];
    int[] fixedCodes = new int[width];
    int[] order = new int[width];
    int next = 0;
    for (Map.Entry<String, Integer> entry : fixed.entrySet()) {
      int c = encoding.columnNamed(entry.getKey());
      if (c < 0 || !chain.network().anyOrder()) {
        throw new IllegalArgumentException(
            "column '" + entry.getKey() + "' cannot be fixed by this model");
      }
      int sub = encoding.firstSubColumn(c);
      isFixed[sub] = true;
      fixedCodes[sub] = entry.getValue();
      order[next++] = sub;
    }
    for (int j = 0; j < width; j++) {
      if (!isFixed[j]) {
        order[next++] = j;
      }
    }
    int chunks = (rows + CHUNK_ROWS - 1) / CHUNK_ROWS;
    RandomStream[] streams = new RandomStream[chunks];
    for (int c = 0; c < chunks; c++) {
      streams[c] = random.split();
    }
    double[][] table = new double[encoding.schema().columns().size()][];
    for (int i = 0; i < table.length; i++) {
      table[i] = new double[rows];
      Arrays.fill(table[i], Double.NaN);
    }
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            c -> {
              int first = c * CHUNK_ROWS;
              int count = Math.min(CHUNK_ROWS, rows - first);
              int[] codes = new int[count * width];
              ChainSampler.Scratch scratch = chain.scratch();
              for (int r = 0; r < count; r++) {
                System.arraycopy(fixedCodes, 0, codes, r * width, width);
                chain.sampleRow(order, codes, r * width, isFixed, null, null, streams[c], scratch);
              }
              encoding.decodeInto(codes, count, streams[c], table, first);
            });
    return new Table(encoding.schema(), table);
  }
}

package io.github.syntheticpatients.runtime.encode;

import java.util.List;

/**
 * The layout of an encoded row: its blocks in order, without gaps.
 *
 * @param blocks the spans, ordered by offset, covering {@code [0, width)}
 * @param width the encoded row width
 */
public record EncodedLayout(List<OutputBlock> blocks, int width) {
  public EncodedLayout {
    blocks = List.copyOf(blocks);
    int expected = 0;
    for (OutputBlock block : blocks) {
      if (block.offset() != expected) {
        throw new IllegalArgumentException("Block " + block + " does not start at " + expected);
      }
      expected = block.end();
    }
    if (expected != width) {
      throw new IllegalArgumentException("Blocks cover " + expected + " positions, not " + width);
    }
  }

  /** The CATEGORY blocks of discrete columns: what a conditional vector can fix. */
  public List<OutputBlock> categoryBlocks() {
    return blocks.stream().filter(b -> b.role() == OutputBlock.Role.CATEGORY).toList();
  }

  /**
   * The blocks a conditional vector can fix, in order: discrete columns' CATEGORY blocks and binned
   * numeric columns' BIN blocks.
   */
  public List<OutputBlock> conditionBlocks() {
    return blocks.stream()
        .filter(b -> b.role() == OutputBlock.Role.CATEGORY || b.role() == OutputBlock.Role.BIN)
        .toList();
  }

  /** The blocks of one column. */
  public List<OutputBlock> blocksOf(String column) {
    return blocks.stream().filter(b -> b.column().equals(column)).toList();
  }
}

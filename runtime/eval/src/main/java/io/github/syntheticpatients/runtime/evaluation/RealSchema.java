package io.github.syntheticpatients.runtime.evaluation;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.inference.SchemaInference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The schema an evaluation without a schema file infers: from all the real data given, training and
 * holdout together, so a holdout is never refused for a value its training part happens to lack (a
 * fractional age, a missing value, a rare category).
 */
final class RealSchema {
  private RealSchema() {}

  /** Tabular CSVs: the inference rules over the rows of both files as one table. */
  static TableSchema infer(Path real, Path holdout) {
    List<Path> files = holdout == null ? List.of(real) : List.of(real, holdout);
    return SchemaInference.infer(real, files, CsvOptions.defaults());
  }

  /**
   * Longitudinal data (a long-format CSV or a directory of per-patient files each): the training
   * data's schema, widened by the holdout's (categories joined, missing values allowed where either
   * has them, a whole-number column numeric where either has fractions, static only where static in
   * both).
   */
  static TableSchema inferLongitudinal(Path real, Path holdout, String entityId, String time) {
    TableSchema schema = TableSchema.of(Schemas.infer(real, entityId, time));
    if (holdout == null) {
      return schema;
    }
    TableSchema other = TableSchema.of(Schemas.infer(holdout, entityId, time));
    List<ColumnSchema> columns = new ArrayList<>();
    for (ColumnSchema column : schema.columns()) {
      columns.add(other.column(column.name()).map(o -> widen(column, o)).orElse(column));
    }
    return schema.withColumns(columns);
  }

  /**
   * {@code a} widened to hold {@code b}'s values too; {@code a} itself when their kinds cannot be
   * joined.
   */
  static ColumnSchema widen(ColumnSchema a, ColumnSchema b) {
    if (!a.isLearned() || !b.isLearned()) {
      return a;
    }
    ColumnKind kind = a.kind();
    if (a.kind() != b.kind()) {
      boolean numbers =
          Set.of(ColumnKind.INTEGER, ColumnKind.NUMERIC).containsAll(Set.of(a.kind(), b.kind()));
      boolean discrete = a.kind().isDiscrete() && b.kind().isDiscrete();
      if (!numbers && !discrete) {
        return a;
      }
      kind = numbers ? ColumnKind.NUMERIC : ColumnKind.CATEGORICAL;
    }
    Set<String> categories = new LinkedHashSet<>(a.categories());
    categories.addAll(b.categories());
    if (kind == ColumnKind.BINARY && categories.size() > 2) {
      kind = ColumnKind.CATEGORICAL;
    }
    return new ColumnSchema(
        a.name(),
        kind,
        a.nullable() || b.nullable(),
        Math.max(a.missingRate(), b.missingRate()),
        kind.isDiscrete() ? List.copyOf(categories) : List.of(),
        Math.max(a.decimals(), b.decimals()),
        a.dropped(),
        a.staticAttribute() && b.staticAttribute());
  }
}

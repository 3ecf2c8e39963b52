package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.data.ValueFormat;
import io.github.syntheticpatients.runtime.data.ValueRange;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Refuses, before any sampling, a range condition no sampled record can meet: one outside the range
 * the model generates for its column (its protected [min, max], or under differential privacy the
 * bounds declared for it, since such a model reads no record's value). Rejection would otherwise
 * spend the whole time budget to find nothing; a condition that is merely rare still gets the
 * budget. (A category the model does not have is refused by {@link Conditions#parse}.)
 */
final class ConditionFeasibility {
  private ConditionFeasibility() {}

  /**
   * @param expressions the request's conditions as written, for the message
   * @param conditions the parsed conditions
   * @param schema the schema the sampler's tables have
   * @param sampler the sampler that will meet the conditions
   * @param declaredBounds whether the model was trained under differential privacy, so that its
   *     ranges are the {@code dp.bounds.*} declared at training rather than protected real ranges
   * @throws InvalidInputException naming parameter {@code conditions}, the condition, what the
   *     model generates and the fix
   */
  static void require(
      List<String> expressions,
      Conditions conditions,
      TableSchema schema,
      RowSampler sampler,
      boolean declaredBounds) {
    for (Map.Entry<String, Conditions.Range> entry : conditions.ranges().entrySet()) {
      String name = entry.getKey();
      Optional<ValueRange> generated = sampler.valueRange(name);
      if (generated.isEmpty()) {
        continue;
      }
      ValueRange range = generated.get();
      Conditions.Range model = new Conditions.Range(range.min(), true, range.max(), true);
      if (entry.getValue().intersect(model).isEmpty()) {
        ColumnSchema column = schema.column(name).orElseThrow();
        String low = text(column, range.min());
        String high = text(column, range.max());
        throw impossible(
            expressions,
            name,
            schema,
            "the model generates '"
                + name
                + "' only from "
                + low
                + " to "
                + high
                + (declaredBounds
                    ? " (the bounds declared for it in dp.bounds."
                        + name
                        + " when the model was trained under differential privacy), so no record"
                        + " can meet it. Ask for a range that overlaps "
                        + name
                        + "="
                        + low
                        + ".."
                        + high
                        + ", or retrain with wider dp.bounds."
                        + name
                    : " (its protected range: no value beyond what at least k training records"
                        + " share), so no record can meet it. Ask for a range that overlaps "
                        + name
                        + "="
                        + low
                        + ".."
                        + high
                        + ", or train on data that holds such values"));
      }
    }
  }

  private static String text(ColumnSchema column, double value) {
    return ValueFormat.format(ValueFormat.toValue(column, value));
  }

  /** The written conditions on {@code column}, each parsed alone to find the columns it names. */
  private static List<String> on(List<String> expressions, String column, TableSchema schema) {
    List<String> named = new ArrayList<>();
    for (String expression : expressions) {
      if (expression == null || expression.isBlank()) {
        continue;
      }
      Conditions alone = Conditions.parse(List.of(expression), schema);
      if (alone.ranges().containsKey(column) || alone.categories().containsKey(column)) {
        named.add(expression.trim());
      }
    }
    return named;
  }

  private static InvalidInputException impossible(
      List<String> expressions, String column, TableSchema schema, String problem) {
    List<String> named = on(expressions, column, schema);
    String subject =
        named.size() == 1
            ? "Condition '" + named.get(0) + "'"
            : "Conditions " + String.join(", ", named.stream().map(e -> "'" + e + "'").toList());
    return InvalidInputException.inParameter("conditions", subject + " cannot be met: " + problem);
  }
}

package io.github.syntheticpatients.junit.internal;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps records onto the user's own record or POJO type through Jackson: columns go to components of the same
 * name ({@code @JsonProperty} renames), extra columns are ignored, and a component that matches no column is an
 * error.
 */
public final class RecordMapper {
  // Thread-safe once configured; Jackson caches the introspection per type.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private RecordMapper() {}

  /**
   * Problems that stop {@code type} from being filled from a model with this schema: components that match no
   * column, and primitive components for columns that can be missing. Empty when the mapping is sound.
   */
  public static List<String> problems(Class<?> type, TableSchema schema) {
    BeanDescription description =
        MAPPER.getDeserializationConfig().introspect(MAPPER.constructType(type));
    List<String> problems = new ArrayList<>();
    for (BeanPropertyDefinition property : description.findProperties()) {
      if (!property.couldDeserialize()) {
        continue;
      }
      String name = property.getName();
      Optional<ColumnSchema> column = schema.column(name).filter(c -> !c.dropped());
      if (column.isEmpty()) {
        problems.add(
            "'" + name + "' of " + type.getName() + " matches no column of the model");
      } else if (column.get().nullable() && property.getRawPrimaryType().isPrimitive()) {
        problems.add(
            "'" + name + "' of " + type.getName() + " is a primitive " + property.getRawPrimaryType()
                + ", but column '" + name + "' can be missing; use its boxed type so a missing value is null");
      }
    }
    return problems;
  }

  /** The columns a user type can be mapped from. */
  public static List<String> columnNames(TableSchema schema) {
    return schema.outputColumns().stream().map(ColumnSchema::name).toList();
  }

  /**
   * One record as the user's type.
   *
   * @throws IllegalArgumentException when a value cannot be converted to its component's type
   */
  public static <T> T map(PatientRecord record, Class<T> type) {
    return MAPPER.convertValue(record.asMap(), type);
  }
}

package io.github.syntheticpatients.junit.internal;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.ColumnView;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.PatientTimeline;
import io.github.syntheticpatients.runtime.SchemaView;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Maps records onto the user's own record or POJO type through Jackson: columns go to components of
 * the same name ({@code @JsonProperty} renames), extra columns are ignored, and a component that
 * matches no column is an error.
 *
 * <p>A whole-number component ({@code Integer}, {@code int}, {@code Long} …) takes an integer
 * column, or a category whose codes are numbers; for a decimal column it is refused before
 * sampling, never silently truncated (51.7 is not 51).
 *
 * <p>A type with a {@value PatientTimeline#VISITS_KEY} component is a whole patient of a
 * longitudinal model: it is filled from {@link PatientTimeline#asMap()}, its other components from
 * the id and static columns and the elements of its visits list from the time and time-varying
 * columns.
 */
public final class RecordMapper {
  // Thread-safe once configured; Jackson caches the introspection per type.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          // Jackson would otherwise truncate 51.7 to 51 for an Integer.
          .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
          .build();

  private static final Set<Class<?>> WHOLE_NUMBERS =
      Set.of(
          int.class,
          Integer.class,
          long.class,
          Long.class,
          short.class,
          Short.class,
          byte.class,
          Byte.class,
          BigInteger.class);

  private RecordMapper() {}

  /**
   * Problems that stop {@code type} from being filled from a model with this schema: components
   * that match no column, and primitive components for columns that can be missing. Empty when the
   * mapping is sound.
   */
  public static List<String> problems(Class<?> type, SchemaView schema) {
    boolean visitsColumn = schema.column(PatientTimeline.VISITS_KEY).isPresent();
    if (!isPatientType(type) || (!schema.isLongitudinal() && visitsColumn)) {
      // A tabular model may have a column of its own named "visits": then the type is a plain row.
      return problems(
          MAPPER.constructType(type), schema, Set.copyOf(columnNames(schema)), Set.of(), "", false);
    }
    if (!schema.isLongitudinal()) {
      return List.of(
          "'"
              + PatientTimeline.VISITS_KEY
              + "' of "
              + type.getName()
              + " asks for whole patients, but the model"
              + " is tabular (it has no patient id and time columns)");
    }
    Set<String> attributes = Set.copyOf(attributeColumns(schema));
    Set<String> visitColumns = Set.copyOf(visitColumns(schema));
    List<String> problems =
        new ArrayList<>(
            problems(
                MAPPER.constructType(type),
                schema,
                attributes,
                visitColumns,
                "a visit column (the time or a time-varying column): it belongs in the type of '"
                    + PatientTimeline.VISITS_KEY
                    + "'",
                true));
    JavaType visits = visitsProperty(type).orElseThrow().getPrimaryType();
    JavaType visit = visits.getContentType();
    if (visit == null || !(visits.isCollectionLikeType() || visits.isArrayType())) {
      problems.add(
          "'"
              + PatientTimeline.VISITS_KEY
              + "' of "
              + type.getName()
              + " is a "
              + visits.getRawClass().getName()
              + "; make it a List of your visit type");
    } else if (!Map.class.isAssignableFrom(visit.getRawClass()) && !visit.isJavaLangObject()) {
      problems.addAll(
          problems(
              visit,
              schema,
              visitColumns,
              attributes,
              "a patient attribute (the id or a static column): it belongs in "
                  + type.getName()
                  + " itself",
              false));
    }
    return problems;
  }

  /**
   * Problems of one bean type against the columns it may take; a component naming one of {@code
   * elsewhere} gets {@code elsewhereHint}. {@code patientLevel} skips the patient type's own visits
   * list, checked by the caller.
   */
  private static List<String> problems(
      JavaType type,
      SchemaView schema,
      Set<String> columns,
      Set<String> elsewhere,
      String elsewhereHint,
      boolean patientLevel) {
    BeanDescription description = MAPPER.getDeserializationConfig().introspect(type);
    List<String> problems = new ArrayList<>();
    for (BeanPropertyDefinition property : description.findProperties()) {
      if (!property.couldDeserialize()) {
        continue;
      }
      String name = property.getName();
      if (patientLevel && name.equals(PatientTimeline.VISITS_KEY)) {
        continue;
      }
      String owner = "'" + name + "' of " + type.getRawClass().getName();
      Optional<? extends ColumnView> column = schema.column(name).filter(c -> !c.dropped());
      if (column.isEmpty() || !columns.contains(name)) {
        problems.add(
            owner
                + (elsewhere.contains(name)
                    ? " is " + elsewhereHint
                    : " matches no column of the model"));
      } else if (column.get().nullable() && property.getRawPrimaryType().isPrimitive()) {
        problems.add(
            owner
                + " is a primitive "
                + property.getRawPrimaryType()
                + ", but column '"
                + name
                + "' can be missing; use its boxed type so a missing value is null");
      } else if (column.get().kind() == ColumnKind.NUMERIC
          && WHOLE_NUMBERS.contains(property.getRawPrimaryType())) {
        problems.add(
            owner
                + " is a "
                + property.getRawPrimaryType().getName()
                + ", but column '"
                + name
                + "' holds decimals (kind NUMERIC), which would lose their fraction; declare it"
                + " Double or BigDecimal (and round in the test if you need whole numbers), or"
                + " make the column INTEGER in the schema and retrain");
      }
    }
    return problems;
  }

  /**
   * Whether the type describes a whole patient: it has a {@value PatientTimeline#VISITS_KEY}
   * component.
   */
  public static boolean isPatientType(Class<?> type) {
    return visitsProperty(type).isPresent();
  }

  private static Optional<BeanPropertyDefinition> visitsProperty(Class<?> type) {
    return MAPPER
        .getDeserializationConfig()
        .introspect(MAPPER.constructType(type))
        .findProperties()
        .stream()
        .filter(p -> p.couldDeserialize() && p.getName().equals(PatientTimeline.VISITS_KEY))
        .findFirst();
  }

  /** The columns a user type can be mapped from. */
  public static List<String> columnNames(SchemaView schema) {
    return schema.outputColumns().stream().map(ColumnView::name).toList();
  }

  /**
   * The columns of a longitudinal model that describe the patient: the id and the static
   * attributes.
   */
  public static List<String> attributeColumns(SchemaView schema) {
    Set<String> visits = Set.copyOf(visitColumns(schema));
    return columnNames(schema).stream().filter(name -> !visits.contains(name)).toList();
  }

  /**
   * The columns of a longitudinal model that each visit has: the time and the time-varying columns.
   */
  public static List<String> visitColumns(SchemaView schema) {
    Set<String> timeVarying =
        schema.timeVaryingColumns().stream().map(ColumnView::name).collect(Collectors.toSet());
    return columnNames(schema).stream()
        .filter(name -> name.equals(schema.time()) || timeVarying.contains(name))
        .toList();
  }

  /**
   * One record as the user's type.
   *
   * @throws IllegalArgumentException when a value cannot be converted to its component's type
   */
  public static <T> T map(PatientRecord record, Class<T> type) {
    return MAPPER.convertValue(record.asMap(), type);
  }

  /**
   * One whole patient as the user's type: attributes by name, visits as its {@value
   * PatientTimeline#VISITS_KEY} list.
   *
   * @throws IllegalArgumentException when a value cannot be converted to its component's type
   */
  public static <T> T map(PatientTimeline timeline, Class<T> type) {
    return MAPPER.convertValue(timeline.asMap(), type);
  }
}

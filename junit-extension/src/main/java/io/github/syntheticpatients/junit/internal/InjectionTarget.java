package io.github.syntheticpatients.junit.internal;

import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.PatientTimeline;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What a {@code @SyntheticPatients} parameter wants: its shape (list, stream, one record, CSV file)
 * and the element type ({@link PatientRecord}, {@link PatientTimeline} or the user's own record or
 * POJO).
 *
 * @param shape how the records are handed over
 * @param elementType {@link PatientRecord}, {@link PatientTimeline}, a user type, or {@link Path}
 *     for {@link Shape#CSV_FILE}
 */
public record InjectionTarget(Shape shape, Class<?> elementType) {

  /** How the records are handed over. */
  public enum Shape {
    LIST,
    STREAM,
    SINGLE,
    CSV_FILE
  }

  /** The supported types, as listed in the error for an unsupported one. */
  public static final List<String> SUPPORTED =
      List.of(
          "List<PatientRecord>",
          "Stream<PatientRecord>",
          "PatientRecord",
          "List<PatientTimeline>, Stream<PatientTimeline> or PatientTimeline (whole patients of a longitudinal"
              + " model)",
          "List<T>, Stream<T> or T, where T is your own record or POJO (top-level or static nested) whose"
              + " components are named after columns (for whole patients of a longitudinal model, with a 'visits'"
              + " list)",
          "java.nio.file.Path (a CSV file in a temporary directory)");

  /** Whether records are mapped onto a user type. */
  public boolean mapsToUserType() {
    return shape != Shape.CSV_FILE
        && elementType != PatientRecord.class
        && elementType != PatientTimeline.class;
  }

  /** Whether the parameter asks for {@link PatientTimeline}s. */
  public boolean wantsTimelines() {
    return elementType == PatientTimeline.class;
  }

  /** The target for a parameter's generic type, or empty when the type is not supported. */
  public static Optional<InjectionTarget> of(Type type) {
    if (type == Path.class) {
      return Optional.of(new InjectionTarget(Shape.CSV_FILE, Path.class));
    }
    if (type instanceof ParameterizedType parameterized
        && parameterized.getActualTypeArguments().length == 1
        && parameterized.getActualTypeArguments()[0] instanceof Class<?> element
        && isElementType(element)) {
      if (parameterized.getRawType() == List.class) {
        return Optional.of(new InjectionTarget(Shape.LIST, element));
      }
      if (parameterized.getRawType() == Stream.class) {
        return Optional.of(new InjectionTarget(Shape.STREAM, element));
      }
      return Optional.empty();
    }
    if (type instanceof Class<?> single && isElementType(single)) {
      return Optional.of(new InjectionTarget(Shape.SINGLE, single));
    }
    return Optional.empty();
  }

  private static boolean isElementType(Class<?> type) {
    return type == PatientRecord.class || type == PatientTimeline.class || isUserType(type);
  }

  /**
   * A concrete class Jackson can build from a map: not a JDK type, collection, array, enum or inner
   * class.
   */
  private static boolean isUserType(Class<?> type) {
    if (type.isPrimitive()
        || type.isArray()
        || type.isEnum()
        || type.isInterface()
        || type.isAnnotation()) {
      return false;
    }
    if (Modifier.isAbstract(type.getModifiers())) {
      return false;
    }
    if (type.isMemberClass() && !Modifier.isStatic(type.getModifiers())) {
      return false;
    }
    if (type.isLocalClass() || type.isAnonymousClass()) {
      return false;
    }
    String name = type.getName();
    return !(name.startsWith("java.")
        || name.startsWith("javax.")
        || name.startsWith("jdk.")
        || name.startsWith("io.github.syntheticpatients.runtime."));
  }
}

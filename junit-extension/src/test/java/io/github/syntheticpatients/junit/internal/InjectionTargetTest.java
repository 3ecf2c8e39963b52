package io.github.syntheticpatients.junit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.junit.internal.InjectionTarget.Shape;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.PatientTimeline;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class InjectionTargetTest {

  record Patient(String sex) {}

  class Inner {}

  interface Shaped {}

  @SuppressWarnings("unused")
  private static void signatures(
      List<PatientRecord> list,
      Stream<PatientRecord> stream,
      PatientRecord single,
      Path path,
      List<Patient> userList,
      Stream<Patient> userStream,
      Patient user,
      Set<PatientRecord> set,
      Map<String, Object> map,
      List<?> wildcard,
      List<List<PatientRecord>> nested,
      String string,
      int primitive,
      Inner inner,
      Shaped shaped,
      PatientRecord[] array,
      List<PatientTimeline> timelines,
      Stream<PatientTimeline> timelineStream,
      PatientTimeline timeline) {}

  private static Type type(int index) throws NoSuchMethodException {
    return signaturesMethod().getGenericParameterTypes()[index];
  }

  private static java.lang.reflect.Method signaturesMethod() throws NoSuchMethodException {
    for (java.lang.reflect.Method method : InjectionTargetTest.class.getDeclaredMethods()) {
      if (method.getName().equals("signatures")) {
        return method;
      }
    }
    throw new NoSuchMethodException("signatures");
  }

  @Test
  void recognisesTheSupportedTypes() throws NoSuchMethodException {
    assertThat(InjectionTarget.of(type(0)))
        .contains(new InjectionTarget(Shape.LIST, PatientRecord.class));
    assertThat(InjectionTarget.of(type(1)))
        .contains(new InjectionTarget(Shape.STREAM, PatientRecord.class));
    assertThat(InjectionTarget.of(type(2)))
        .contains(new InjectionTarget(Shape.SINGLE, PatientRecord.class));
    assertThat(InjectionTarget.of(type(3)))
        .contains(new InjectionTarget(Shape.CSV_FILE, Path.class));
    assertThat(InjectionTarget.of(type(4)))
        .contains(new InjectionTarget(Shape.LIST, Patient.class));
    assertThat(InjectionTarget.of(type(5)))
        .contains(new InjectionTarget(Shape.STREAM, Patient.class));
    assertThat(InjectionTarget.of(type(6)))
        .contains(new InjectionTarget(Shape.SINGLE, Patient.class));
    assertThat(InjectionTarget.of(type(6)).map(InjectionTarget::mapsToUserType)).contains(true);
    assertThat(InjectionTarget.of(type(0)).map(InjectionTarget::mapsToUserType)).contains(false);
  }

  @Test
  void recognisesTimelines() throws NoSuchMethodException {
    assertThat(InjectionTarget.of(type(16)))
        .contains(new InjectionTarget(Shape.LIST, PatientTimeline.class));
    assertThat(InjectionTarget.of(type(17)))
        .contains(new InjectionTarget(Shape.STREAM, PatientTimeline.class));
    assertThat(InjectionTarget.of(type(18)))
        .contains(new InjectionTarget(Shape.SINGLE, PatientTimeline.class));
    assertThat(InjectionTarget.of(type(18)).orElseThrow().mapsToUserType()).isFalse();
    assertThat(InjectionTarget.of(type(18)).orElseThrow().wantsTimelines()).isTrue();
    assertThat(InjectionTarget.of(type(2)).orElseThrow().wantsTimelines()).isFalse();
  }

  @Test
  void rejectsEverythingElse() throws NoSuchMethodException {
    for (int index = 7; index < 16; index++) {
      Optional<InjectionTarget> target = InjectionTarget.of(type(index));
      assertThat(target).as(type(index).getTypeName()).isEmpty();
    }
  }
}

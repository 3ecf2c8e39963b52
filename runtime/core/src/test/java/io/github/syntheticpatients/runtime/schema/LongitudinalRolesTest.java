package io.github.syntheticpatients.runtime.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.schema.LongitudinalRoles.Names;
import org.junit.jupiter.api.Test;

class LongitudinalRolesTest {

  @Test
  void bothSetGiveTheTrimmedRoles() {
    assertThat(LongitudinalRoles.bothOrNeither(" id ", "day", Names.FIELDS))
        .contains(new LongitudinalRoles("id", "day"));
    assertThat(LongitudinalRoles.required("id", " day", Names.PROPERTIES))
        .isEqualTo(new LongitudinalRoles("id", "day"));
  }

  @Test
  void neitherSetIsTabularUnlessRolesAreRequired() {
    assertThat(LongitudinalRoles.bothOrNeither(null, " ", Names.FIELDS)).isEmpty();
    assertThatThrownBy(() -> LongitudinalRoles.required(null, null, Names.PROPERTIES))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.parameter()).isEqualTo("synthetic.entityId"))
        .hasMessageContaining("synthetic.entityId is not set: name both columns");
  }

  @Test
  void oneWithoutTheOtherNamesTheMissingSettingAsTheUserWritesIt() {
    assertThatThrownBy(() -> LongitudinalRoles.bothOrNeither("id", null, Names.OPTIONS))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("--time"))
        .hasMessage(
            "Longitudinal data needs both the patient id column (--entity-id) and the time column (--time); --time"
                + " is not set: give both or neither");
    assertThatThrownBy(() -> LongitudinalRoles.bothOrNeither("", "day", Names.FIELDS))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("entityId"));
    assertThatThrownBy(() -> LongitudinalRoles.required("id", "", Names.PROPERTIES))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.parameter()).isEqualTo("synthetic.time"));
  }

  @Test
  void bothNamingOneColumnIsRefusedNamingTheTimeSetting() {
    assertThatThrownBy(() -> LongitudinalRoles.bothOrNeither("id", " id", Names.FIELDS))
        .isInstanceOfSatisfying(
            InvalidInputException.class, e -> assertThat(e.parameter()).isEqualTo("time"))
        .hasMessageContaining("are both 'id'");
    assertThatThrownBy(() -> LongitudinalRoles.required("day", "day", Names.PROPERTIES))
        .isInstanceOfSatisfying(
            InvalidInputException.class,
            e -> assertThat(e.parameter()).isEqualTo("synthetic.time"));
  }
}

package io.github.syntheticpatients.runtime.schema.inference;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.syntheticpatients.runtime.schema.inference.IdentifierNames.Meaning;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdentifierNamesTest {
  @Test
  void namesThatIdentifyAPerson() {
    Map<String, Meaning> expected = new LinkedHashMap<>();
    expected.put("name", Meaning.FULL_NAME);
    expected.put("Full Name", Meaning.FULL_NAME);
    expected.put("patient_name", Meaning.FULL_NAME);
    expected.put("patientFirstName", Meaning.FIRST_NAME);
    expected.put("first_name", Meaning.FIRST_NAME);
    expected.put("GivenName", Meaning.FIRST_NAME);
    expected.put("mother_maiden_name", Meaning.LAST_NAME);
    expected.put("SURNAME", Meaning.LAST_NAME);
    expected.put("lastName", Meaning.LAST_NAME);
    expected.put("MRN", Meaning.RECORD_NUMBER);
    expected.put("hospital_number", Meaning.RECORD_NUMBER);
    expected.put("HospitalNo", Meaning.RECORD_NUMBER);
    expected.put("medical_record_number", Meaning.RECORD_NUMBER);
    expected.put("patient number", Meaning.RECORD_NUMBER);
    expected.put("ssn", Meaning.RECORD_NUMBER);
    expected.put("social_security_number", Meaning.RECORD_NUMBER);
    expected.put("NHS number", Meaning.RECORD_NUMBER);
    expected.put("national_id", Meaning.RECORD_NUMBER);
    expected.put("insurance_no", Meaning.RECORD_NUMBER);
    expected.put("email", Meaning.EMAIL);
    expected.put("E-Mail", Meaning.EMAIL);
    expected.put("email_address", Meaning.EMAIL);
    expected.put("phone", Meaning.PHONE);
    expected.put("home_phone", Meaning.PHONE);
    expected.put("mobileNumber", Meaning.PHONE);
    expected.put("fax", Meaning.PHONE);
    expected.put("zip", Meaning.POSTCODE);
    expected.put("ZIP_code", Meaning.POSTCODE);
    expected.put("postcode", Meaning.POSTCODE);
    expected.put("postal code", Meaning.POSTCODE);
    expected.put("address", Meaning.ADDRESS);
    expected.put("address_line1", Meaning.ADDRESS);
    expected.put("street", Meaning.ADDRESS);
    expected.put("city", Meaning.ADDRESS);
    expected.put("notes", Meaning.FREE_TEXT);
    expected.put("clinicalNotes", Meaning.FREE_TEXT);
    expected.put("comment", Meaning.FREE_TEXT);
    expected.put("free_text", Meaning.FREE_TEXT);
    expected.put("remarks", Meaning.FREE_TEXT);
    expected.put("dob", Meaning.BIRTH_DATE);
    expected.put("DateOfBirth", Meaning.BIRTH_DATE);
    expected.put("birth_date", Meaning.BIRTH_DATE);
    expected.put("birthdate", Meaning.BIRTH_DATE);
    expected.forEach(
        (name, meaning) -> assertThat(IdentifierNames.meaningOf(name)).as(name).isEqualTo(meaning));
  }

  @Test
  void wholeWordsOnlySoLookAlikesAreNotHits() {
    List<String> ordinary =
        List.of(
            "zipper_size",
            "phonetic_score",
            "drug_name",
            "hospital_name",
            "hospital",
            "email_verified",
            "birth_weight",
            "notes_count",
            "number_of_children",
            "telephone_consult",
            "postcode_region",
            "city_size",
            "names_given",
            "mrna_level",
            "dobutamine",
            "age",
            "sex",
            "status",
            "patient_id",
            "visit_no",
            "nameless",
            "addressed",
            "streets_crossed");
    for (String name : ordinary) {
      assertThat(IdentifierNames.meaningOf(name)).as(name).isNull();
    }
  }

  @Test
  void splitsNamesIntoWords() {
    assertThat(IdentifierNames.words("patientFirstName"))
        .containsExactly("patient", "first", "name");
    assertThat(IdentifierNames.words("ZIP_code2")).containsExactly("zip", "code", "2");
    assertThat(IdentifierNames.words("HTTPServer.e-mail"))
        .containsExactly("http", "server", "e", "mail");
  }
}

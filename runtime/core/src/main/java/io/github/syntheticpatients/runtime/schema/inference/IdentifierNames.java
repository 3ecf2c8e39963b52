package io.github.syntheticpatients.runtime.schema.inference;

import io.github.syntheticpatients.runtime.schema.IdentifierShape;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Recognises columns that identify a person by their name alone: {@code full_name}, {@code
 * patientFirstName}, {@code Hospital Number}, {@code ssn}, {@code email}, {@code home_phone},
 * {@code zip_code}, {@code notes}, {@code date_of_birth}, ... A name is split into lower-case words
 * at blanks, punctuation, underscores, camelCase and digits, and matches when it <b>ends with</b>
 * one of the phrases below as whole words, so {@code zipper_size}, {@code phonetic_score}, {@code
 * email_verified} and {@code birth_weight} are not hits. Person names need a person before them, if
 * anything ({@code name}, {@code patient_name}, {@code mother_last_name}), so {@code drug_name} or
 * {@code hospital_name} stay ordinary columns.
 */
final class IdentifierNames {
  /**
   * What a recognised name means, which decides how the column is generated or whether it is
   * dropped.
   */
  enum Meaning {
    FULL_NAME("a person's name", IdentifierShape.FULL_NAME, false),
    FIRST_NAME("a person's first name", IdentifierShape.FIRST_NAME, false),
    LAST_NAME("a person's last name", IdentifierShape.LAST_NAME, false),
    RECORD_NUMBER("a record or national number", null, false),
    EMAIL("an e-mail address", IdentifierShape.EMAIL, false),
    PHONE("a phone number", null, false),
    POSTCODE("a postal code", null, false),
    ADDRESS("an address", null, true),
    FREE_TEXT("free text, which may name anyone", null, true),
    BIRTH_DATE("a date of birth, a quasi-identifier", null, true);

    final String description;

    /** The shape to generate, or null for the template of the real values. */
    final String shape;

    /** Whether the column is dropped rather than generated. */
    final boolean dropped;

    Meaning(String description, String shape, boolean dropped) {
      this.description = description;
      this.shape = shape;
      this.dropped = dropped;
    }
  }

  /**
   * Words that may stand before a person's name ({@code patient_name}, {@code mother_maiden_name}).
   */
  private static final Set<String> PERSONS =
      Set.of(
          "patient",
          "pt",
          "person",
          "subject",
          "participant",
          "member",
          "client",
          "customer",
          "user",
          "mother",
          "father",
          "parent",
          "guardian",
          "spouse",
          "partner",
          "contact",
          "emergency",
          "next",
          "of",
          "kin",
          "doctor",
          "dr",
          "physician",
          "gp",
          "nurse",
          "clinician",
          "surgeon",
          "provider",
          "referrer",
          "carer",
          "caregiver",
          "legal",
          "preferred",
          "display",
          "birth");

  /** Words that may follow a number-like phrase ({@code ssn_no}, {@code hospital_number}). */
  private static final Set<String> NUMBER_WORDS =
      Set.of("number", "num", "no", "nr", "nbr", "code", "id");

  /**
   * Words that only name an identifier when a number word follows them ({@code hospital_number}).
   */
  private static final Set<String> NEEDS_NUMBER =
      Set.of(
          "hospital",
          "patient",
          "record",
          "medical record",
          "chart",
          "case",
          "insurance",
          "policy",
          "passport",
          "licence",
          "license",
          "driver license",
          "driving licence",
          "health card",
          "subscriber",
          "account",
          "social security",
          "national",
          "national insurance",
          "member",
          "tax",
          "health",
          "admission",
          "encounter",
          "mobile",
          "cell",
          "telephone",
          "tel",
          "phone",
          "fax",
          "zip",
          "post",
          "postal");

  private static final Set<String> NAMES = Set.of("name", "full name", "fullname");
  private static final Set<String> FIRST_NAMES =
      Set.of(
          "first name", "firstname", "given name", "givenname", "forename", "fname", "middle name");
  private static final Set<String> LAST_NAMES =
      Set.of(
          "last name", "lastname", "surname", "family name", "familyname", "lname", "maiden name");
  private static final Set<String> RECORD_NUMBERS =
      Set.of(
          "mrn",
          "ssn",
          "nhs",
          "nino",
          "medical record",
          "social security",
          "national id",
          "passport",
          "patient number");
  private static final Set<String> EMAILS =
      Set.of("email", "e mail", "email address", "e mail address", "mail address");
  private static final Set<String> PHONES =
      Set.of(
          "phone", "telephone", "tel", "mobile", "cellphone", "cell phone", "fax", "phone number");
  private static final Set<String> POSTCODES =
      Set.of("zip", "zipcode", "zip code", "postcode", "post code", "postal code", "postalcode");
  private static final Set<String> ADDRESSES =
      Set.of("address", "street", "street address", "address line", "city", "town", "house number");
  private static final Set<String> FREE_TEXTS =
      Set.of(
          "note",
          "notes",
          "comment",
          "comments",
          "remark",
          "remarks",
          "free text",
          "freetext",
          "narrative",
          "memo");
  private static final Set<String> BIRTH_DATES =
      Set.of(
          "dob", "date of birth", "birth date", "birthdate", "birthday", "birth dt", "birth day");

  private IdentifierNames() {}

  /** What the column name says the column is, or null when it names no identifier. */
  static Meaning meaningOf(String columnName) {
    List<String> words = words(columnName);
    while (!words.isEmpty() && words.get(words.size() - 1).chars().allMatch(Character::isDigit)) {
      words.remove(words.size() - 1); // address_line1, phone2
    }
    if (words.isEmpty()) {
      return null;
    }
    // Order matters: "maiden name" is a last name, not a full one; "email address" is an e-mail,
    // not an address.
    if (endsWithPerson(words, FIRST_NAMES)) {
      return Meaning.FIRST_NAME;
    }
    if (endsWithPerson(words, LAST_NAMES)) {
      return Meaning.LAST_NAME;
    }
    if (endsWithPerson(words, NAMES)) {
      return Meaning.FULL_NAME;
    }
    if (endsWith(words, EMAILS)) {
      return Meaning.EMAIL;
    }
    if (endsWith(words, BIRTH_DATES)) {
      return Meaning.BIRTH_DATE;
    }
    if (endsWith(words, FREE_TEXTS)) {
      return Meaning.FREE_TEXT;
    }
    if (endsWith(words, ADDRESSES)) {
      return Meaning.ADDRESS;
    }
    boolean numberWord = words.size() > 1 && NUMBER_WORDS.contains(words.get(words.size() - 1));
    List<String> stem = numberWord ? words.subList(0, words.size() - 1) : words;
    if (endsWith(words, PHONES) || (numberWord && endsWith(stem, PHONES))) {
      return Meaning.PHONE;
    }
    if (endsWith(words, POSTCODES) || (numberWord && endsWith(stem, POSTCODES))) {
      return Meaning.POSTCODE;
    }
    if (endsWith(words, RECORD_NUMBERS) || (numberWord && endsWith(stem, RECORD_NUMBERS))) {
      return Meaning.RECORD_NUMBER;
    }
    // "hospital_number", "insurance_no": a plain id ("patient_id") is left to the uniqueness rule.
    if (numberWord && !words.get(words.size() - 1).equals("id") && endsWith(stem, NEEDS_NUMBER)) {
      return Meaning.RECORD_NUMBER;
    }
    return null;
  }

  /** Whether the words end with one of the phrases and everything before it is a person. */
  private static boolean endsWithPerson(List<String> words, Set<String> phrases) {
    for (int start = 0; start < words.size(); start++) {
      if (phrases.contains(String.join(" ", words.subList(start, words.size())))) {
        return words.subList(0, start).stream().allMatch(PERSONS::contains);
      }
    }
    return false;
  }

  /** Whether the words end with one of the phrases, as whole words. */
  private static boolean endsWith(List<String> words, Set<String> phrases) {
    for (int start = 0; start < words.size(); start++) {
      if (phrases.contains(String.join(" ", words.subList(start, words.size())))) {
        return true;
      }
    }
    return false;
  }

  /** {@code "patientFirstName"} → [patient, first, name]; {@code "ZIP_code2"} → [zip, code, 2]. */
  static List<String> words(String name) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    int n = name.length();
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (!Character.isLetterOrDigit(c)) {
        flush(word, words);
        continue;
      }
      if (word.length() > 0) {
        char previous = name.charAt(i - 1);
        boolean lowerToUpper = Character.isUpperCase(c) && Character.isLowerCase(previous);
        boolean acronymEnd =
            Character.isUpperCase(c)
                && Character.isUpperCase(previous)
                && i + 1 < n
                && Character.isLowerCase(name.charAt(i + 1));
        boolean digitBoundary = Character.isDigit(c) != Character.isDigit(previous);
        if (lowerToUpper || acronymEnd || digitBoundary) {
          flush(word, words);
        }
      }
      word.append(c);
    }
    flush(word, words);
    return words;
  }

  private static void flush(StringBuilder word, List<String> words) {
    if (word.length() > 0) {
      words.add(word.toString().toLowerCase(Locale.ROOT));
      word.setLength(0);
    }
  }
}

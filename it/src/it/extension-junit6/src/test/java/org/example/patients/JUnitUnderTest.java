package org.example.patients;

/** The JUnit Jupiter major version this project is built against. */
final class JUnitUnderTest {
  static final String MAJOR = "6";

  private JUnitUnderTest() {}
}

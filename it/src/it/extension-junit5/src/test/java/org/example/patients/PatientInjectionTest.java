package org.example.patients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.syntheticpatients.junit.Seed;
import io.github.syntheticpatients.junit.SyntheticPatients;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

@Seed(42)
class PatientInjectionTest {

  @Test
  void runsOnTheExpectedJUnit() {
    String version = Test.class.getPackage().getImplementationVersion();
    System.out.println("JUnit Jupiter version: " + version);
    assertTrue(version.startsWith(JUnitUnderTest.MAJOR + "."), version);
  }

  @Test
  void listOfRecordsFromTheBundledModel(@SyntheticPatients(count = 100) List<PatientRecord> patients) {
    assertEquals(100, patients.size());
    Set<String> sexes = patients.stream().map(p -> p.getString("sex")).collect(Collectors.toSet());
    assertTrue(Set.of("m", "f").containsAll(sexes), sexes.toString());
    // The same seed gives the same patients: exactly what the runtime samples for seed 42.
    assertEquals(
        ModelLoader.load(ModelLoader.DEFAULT_MODEL).sample(SampleRequest.of(100, 42)).records(), patients);
  }

  @Test
  void streamSingleAndConditions(
      @SyntheticPatients Stream<PatientRecord> stream,
      @SyntheticPatients PatientRecord single,
      @SyntheticPatients(count = 20, conditions = {"sex=f", "status=2"}) List<PatientRecord> womenWhoDied) {
    assertEquals(10, stream.count());
    assertTrue(single.columns().contains("age"));
    assertEquals(20, womenWhoDied.size());
    womenWhoDied.forEach(
        p -> {
          assertEquals("f", p.getString("sex"));
          assertEquals(2, p.getInt("status"));
        });
  }

  @Test
  void ownRecordType(@SyntheticPatients(count = 50) List<Patient> patients) {
    assertEquals(50, patients.size());
    patients.forEach(p -> assertTrue(p.status() >= 0 && p.status() <= 2, p.toString()));
    assertTrue(patients.stream().anyMatch(p -> p.alkalinePhosphatase() != null));
  }

  @Test
  void csvFile(@SyntheticPatients(count = 30) Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    assertEquals(31, lines.size());
    assertTrue(lines.get(0).startsWith("id,"), lines.get(0));
  }

  @Test
  void twoParametersDifferButAreReproducible(
      @SyntheticPatients List<PatientRecord> first, @SyntheticPatients List<PatientRecord> second) {
    assertNotEquals(first, second);
  }
}

package org.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedPatientsTest {
  @Test
  void readsThePatientsTheBuildGenerated() throws Exception {
    Path csv = Path.of("target", "synthetic", "default.csv");
    assertTrue(Files.isRegularFile(csv), "the build did not generate " + csv);
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertEquals(201, lines.size(), "a header and 200 records");
    int columns = lines.get(0).split(",", -1).length;
    assertTrue(columns > 1, "a header row with several columns");
  }
}

package io.github.syntheticpatients.runtime.io.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.PatientTimeline;
import io.github.syntheticpatients.runtime.TestData;
import io.github.syntheticpatients.runtime.data.TimelineRecords;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.sampling.Schemas;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimelineJsonlWriterTest {
  @TempDir Path dir;

  @Test
  void writesOnePatientPerLineAndParsesBack() throws IOException {
    Path file = TestData.path("cgd.csv");
    TableSchema schema = TableSchema.of(Schemas.infer(file, "id", "tstart"));
    Timelines timelines = Timelines.of(Schemas.readTimelines(file, schema));
    List<PatientTimeline> patients = TimelineRecords.patients(timelines);
    Path out = dir.resolve("out/cgd.jsonl");
    TimelineJsonlWriter.write(out, patients);

    List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
    assertThat(lines).hasSize(128);
    ObjectMapper mapper = new ObjectMapper();
    JsonNode first = mapper.readTree(lines.get(0));
    List<String> keys = new ArrayList<>();
    first.fieldNames().forEachRemaining(keys::add);
    assertThat(keys)
        .containsExactly(
            "id",
            "center",
            "random",
            "treat",
            "sex",
            "age",
            "height",
            "weight",
            "inherit",
            "steroids",
            "propylac",
            "hos.cat",
            "visits");
    // From the first rows of cgd.csv.
    assertThat(first.get("id").asText()).isEqualTo("1");
    assertThat(first.get("center").asText()).isEqualTo("Scripps Institute");
    assertThat(first.get("random").asText()).isEqualTo("1989-06-07");
    assertThat(first.get("age").isNumber()).isTrue();
    assertThat(first.get("age").asInt()).isEqualTo(12);
    JsonNode visits = first.get("visits");
    assertThat(visits.size()).isEqualTo(timelines.visitCount(0));
    // enum (interval number 1..8) is inferred as the visit counter, an integer, so it is written
    // as a number; status is a category, written as text.
    assertThat(visits.get(0).toString())
        .isEqualTo("{\"tstart\":0,\"enum\":1,\"tstop\":219,\"status\":\"1\"}");
    assertThat(visits.get(1).get("tstart").asInt()).isEqualTo(219);

    // Round trip: every line, parsed back, is the patient's map with values as the writer formats
    // them.
    for (int p = 0; p < patients.size(); p++) {
      JsonNode parsed = mapper.readTree(lines.get(p));
      assertThat(parsed.get("visits").size()).isEqualTo(patients.get(p).visits().size());
      assertThat(parsed.get("sex").asText())
          .isEqualTo(patients.get(p).attributes().getString("sex"));
      assertThat(parsed.get("height").asDouble())
          .isEqualTo(patients.get(p).attributes().getDouble("height"));
    }

    // Deterministic bytes.
    Path again = dir.resolve("again.jsonl");
    TimelineJsonlWriter.write(again, patients);
    assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(out));
    try (var listing = Files.list(out.getParent())) {
      assertThat(listing.map(p -> p.getFileName().toString()))
          .containsExactly("cgd.jsonl"); // no temp file left
    }
  }

  @Test
  void missingValuesAreNullAndNumbersAsWritten() throws IOException {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("pid", "s1");
    attributes.put("sex", "f");
    attributes.put("enrolled", LocalDate.of(2024, 2, 29));
    attributes.put("weight", null);
    Map<String, Object> visit1 = new LinkedHashMap<>();
    visit1.put("day", 0L);
    visit1.put("hb", 12.50);
    Map<String, Object> visit2 = new LinkedHashMap<>();
    visit2.put("day", 30L);
    visit2.put("hb", null);
    PatientTimeline patient =
        new PatientTimeline(
            "s1",
            new PatientRecord(attributes),
            List.of(new PatientRecord(visit1), new PatientRecord(visit2)));
    Path out = dir.resolve("one.jsonl");
    TimelineJsonlWriter.write(out, List.of(patient, patient));
    String line =
        "{\"pid\":\"s1\",\"sex\":\"f\",\"enrolled\":\"2024-02-29\",\"weight\":null,"
            + "\"visits\":[{\"day\":0,\"hb\":12.5},{\"day\":30,\"hb\":null}]}\n";
    assertThat(Files.readString(out)).isEqualTo(line + line);
    // Parsed back with Jackson, the line is the patient's asMap() (numbers as JSON numbers).
    Map<?, ?> parsed = new ObjectMapper().readValue(line, Map.class);
    assertThat(parsed.toString()).isEqualTo(patient.asMap().toString());
    assertThat(((List<?>) parsed.get("visits"))).hasSize(2);
  }
}

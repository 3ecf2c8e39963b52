package io.github.syntheticpatients.runtime.io.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.syntheticpatients.runtime.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFilesTest {
  @TempDir Path dir;

  @Test
  void writesSortedPrettyJsonWithUnixLineEnds() throws IOException {
    Map<String, Object> tree = new HashMap<>();
    tree.put("zeta", List.of(1, 2.5, "x"));
    tree.put("alpha", Map.of("b", true, "a", Map.of()));
    tree.put("mid", null);
    String expected =
        "{\n  \"alpha\": {\n    \"a\": { },\n    \"b\": true\n  },\n  \"mid\": null,\n  \"zeta\": [\n    1,\n    2.5,\n"
            + "    \"x\"\n  ]\n}\n";
    assertThat(new String(JsonFiles.toBytes(tree), StandardCharsets.UTF_8)).isEqualTo(expected);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    JsonFiles.write(out, tree);
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(expected);

    Path file = dir.resolve("nested/manifest.json");
    JsonFiles.write(file, tree);
    assertThat(Files.readString(file)).isEqualTo(expected);
    Map<String, Object> read = JsonFiles.read(file);
    assertThat(read.keySet()).containsExactly("alpha", "mid", "zeta");
    assertThat(read.get("zeta")).isEqualTo(List.of(1, 2.5, "x"));
    assertThat(JsonFiles.read(new ByteArrayInputStream(JsonFiles.toBytes(tree)), "stream"))
        .isEqualTo(read);
  }

  @Test
  void inOrderKeepsTheMapOrder() {
    Map<String, Object> tree = new LinkedHashMap<>();
    tree.put("b", 1);
    tree.put("a", 2);
    assertThat(new String(JsonFiles.toBytesInOrder(tree), StandardCharsets.UTF_8))
        .isEqualTo("{\n  \"b\": 1,\n  \"a\": 2\n}\n");
  }

  /** A configuration type: unknown properties are errors. */
  record Settings(String model, Integer rows) {}

  @Test
  void bindsRecordsAndRejectsUnknownProperties() throws IOException {
    Path file = dir.resolve("settings.json");
    Files.writeString(file, "{\"model\": \"pbc\", \"rows\": 10}");
    assertThat(JsonFiles.read(file, Settings.class)).isEqualTo(new Settings("pbc", 10));
    Files.writeString(file, "{\"model\": \"pbc\",\n \"row\": 10}");
    assertThatThrownBy(() -> JsonFiles.read(file, Settings.class))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(file + ", line 2: at character ")
        .hasMessageEndingWith(
            ": unknown property \"row\"; the known properties are [model, rows] (check the spelling,"
                + " or remove it)");
  }

  @Test
  void reportsSyntaxErrorsDuplicatesAndTrailingContent() throws IOException {
    Path file = dir.resolve("bad.json");
    Files.writeString(file, "{\n  \"a\": 1,\n  \"a\": 2\n}");
    assertThatThrownBy(() -> JsonFiles.read(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(file + ", line 3: at character ")
        .hasMessageContaining("Duplicate field 'a'");
    Files.writeString(file, "{\"a\": 1} {");
    assertThatThrownBy(() -> JsonFiles.read(file))
        .hasMessage(
            file
                + ", line 1: at character 10: the file must hold one JSON object ({ ... }); correct the file");
    Files.writeString(file, "{\"a\": [1,\n 2,, 3]}");
    assertThatThrownBy(() -> JsonFiles.read(file))
        .hasMessageStartingWith(file + ", line 2: at character ");
    assertThatThrownBy(() -> JsonFiles.read("[1]".getBytes(StandardCharsets.UTF_8), "inline"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(
            "inline, line 1: at character 1: the file must hold one JSON object ({ ... }); correct the file");
  }
}

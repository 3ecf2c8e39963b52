package io.github.syntheticpatients.runtime.io.json;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.util.RawValue;
import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.io.AtomicFiles;
import io.github.syntheticpatients.runtime.io.csv.CsvOptions;
import io.github.syntheticpatients.runtime.schema.CodeColumn;
import io.github.syntheticpatients.runtime.schema.CodeSystem;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.IdentifierShape;
import io.github.syntheticpatients.runtime.schema.LongitudinalRoles;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import io.github.syntheticpatients.runtime.schema.VisitStructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The editable JSON form of a {@link TableSchema}:
 *
 * <pre>{@code
 * {
 *   "formatVersion": 1,
 *   "target": "status",
 *   "entityId": null,
 *   "time": null,
 *   "columns": [
 *     {"name": "status", "kind": "categorical", "nullable": false, "missingRate": 0.0,
 *      "categories": ["0", "1", "2"], "decimals": 0, "drop": false},
 *     {"name": "sex", ..., "static": true},
 *     {"name": "diagnosis", "kind": "categorical", ..., "categories": ["PBC", "PSC", "_RARE_"], ...,
 *      "protectedValues": 3, "reason": "3 values are held by fewer than 5 records and read as _RARE_ ..."},
 *     {"name": "diag_1", "kind": "categorical", ..., "protectedValues": 108, "codes": "icd9",
 *      "vocabulary": "diag", "generalisedCodes": 88, "ancestorCodes": 40, "reason": "codes: ..."},
 *     {"name": "ssn", "kind": "identifier", ..., "shape": "pattern:ddd-dd-dddd", "reason": "the name reads as ..."},
 *     {"name": "bili", "kind": "numeric", ..., "unparsedValues": 2, "reason": "2 of 300 values are not numbers ..."},
 *     ...
 *   ],
 *   "missingValues": ["unknown"],
 *   "decimalSeparator": ","
 * }
 * }</pre>
 *
 * <p>Written only when set, so older schema files read and write unchanged: {@code static}; {@code
 * shape} (how an identifier's synthetic values look, see {@link IdentifierShape}; {@code sequence}
 * when absent); {@code protectedValues} (how many values were held by fewer than k records and
 * merged into {@code _RARE_}, a count, never the values); {@code unparsedValues} (stray values of a
 * number or date column, read as missing with a warning; 0 makes them errors again); {@code reason}
 * (why inference chose the kind, for the reviewer; it has no effect); {@code codes} (a clinical
 * code column's system, {@code icd9}, {@code icd10}, {@code atc} or {@code generic}: only in a code
 * column of a recognised system is a value that is not a category read as its nearest ancestor that
 * is), with {@code vocabulary} (the name of the vocabulary it shares with other code columns, which
 * must list the same categories; remove it to split the column off) and the counts {@code
 * generalisedCodes} and {@code ancestorCodes} (how many rare codes are read as how many ancestor
 * codes); the top-level {@code missingValues} (extra tokens that mean missing, from {@code
 * synthetic.missingValues}, used by every reader of this data); the top-level {@code endTime}
 * (longitudinal data: the static column that closes each patient's follow-up, declared by the user,
 * see {@link LongitudinalRoles#checkEndTime}); and the top-level {@code decimalSeparator} ({@code
 * ","} when the data writes {@code 61,5}, detected at inference or set with {@code
 * synthetic.decimalSeparator}; absent means {@code "."}); and the top-level {@code visitCounter}
 * with {@code visitCounterStart} (0 or 1; 1 when absent) and {@code intervalEnd} (longitudinal
 * data: visit columns produced from the visits rather than learned, detected at inference, see
 * {@link VisitStructure}; remove one to have the column learned, or name a column to declare it).
 *
 * <p>Kinds are written in lower case ({@code numeric}, {@code integer}, {@code binary}, {@code
 * categorical}, {@code date}, {@code datetime}, {@code identifier}) and read in any case. When
 * reading, a column needs only {@code name} and {@code kind}; {@code nullable} and {@code drop}
 * default to false, {@code missingRate} to 0, {@code static} (longitudinal data: constant within a
 * patient) to false, {@code categories} to none and {@code decimals} to 0 ({@value
 * #DEFAULT_NUMERIC_DECIMALS} for numeric columns). Every error names the file and the line and
 * character in it.
 */
public final class SchemaJson {
  /** The format version this runtime writes and reads. */
  public static final int FORMAT_VERSION = 1;

  /** Decimals of a numeric column whose schema entry does not say. */
  public static final int DEFAULT_NUMERIC_DECIMALS = 6;

  private static final String VALID_KINDS =
      Arrays.stream(ColumnKind.values())
          .map(SchemaJson::kindName)
          .collect(Collectors.joining(", "));

  private SchemaJson() {}

  /** The schema file's content: deterministic, in the order shown above, ending with a newline. */
  public static byte[] toBytes(TableSchema schema) {
    return JsonFiles.toBytesInOrder(toMap(schema));
  }

  /** The schema as a JSON tree of JDK types (how model files embed it). */
  public static Map<String, Object> toMap(TableSchema schema) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("formatVersion", FORMAT_VERSION);
    root.put("target", schema.target());
    root.put("entityId", schema.entityId());
    root.put("time", schema.time());
    if (schema.endTime() != null) {
      // Written only when set, so schema files without it (and their hashes) stay as they were.
      root.put("endTime", schema.endTime());
    }
    List<Map<String, Object>> columns = new ArrayList<>();
    for (ColumnSchema column : schema.columns()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", column.name());
      entry.put("kind", kindName(column.kind()));
      entry.put("nullable", column.nullable());
      entry.put("missingRate", column.missingRate());
      entry.put("categories", inlineArray(column.categories()));
      entry.put("decimals", column.decimals());
      entry.put("drop", column.dropped());
      if (column.staticAttribute()) {
        // Written only when set, so tabular schema files (and their hashes) stay as they were.
        entry.put("static", true);
      }
      if (column.identifierShape() != null
          && !column.identifierShape().equals(IdentifierShape.SEQUENCE)) {
        entry.put("shape", column.identifierShape());
      }
      if (column.protectedValues() > 0) {
        entry.put("protectedValues", column.protectedValues());
      }
      if (column.unparsedValues() > 0) {
        entry.put("unparsedValues", column.unparsedValues());
      }
      if (column.codes() != null) {
        putCodes(entry, column.codes());
      }
      if (column.reason() != null) {
        entry.put("reason", column.reason());
      }
      columns.add(entry);
    }
    root.put("columns", columns);
    if (!schema.missingValues().isEmpty()) {
      root.put("missingValues", inlineArray(schema.missingValues()));
    }
    if (schema.decimalSeparator() != '.') {
      // Written only when not the default, so schema files and model hashes stay as they were.
      root.put(CsvOptions.DECIMAL_SEPARATOR_OPTION, String.valueOf(schema.decimalSeparator()));
    }
    VisitStructure structure = schema.visitStructure();
    if (structure.counter() != null) {
      root.put("visitCounter", structure.counter());
      root.put("visitCounterStart", structure.counterStart());
    }
    if (structure.intervalEnd() != null) {
      root.put("intervalEnd", structure.intervalEnd());
    }
    return root;
  }

  /** A code column's properties, the counts only when above 0. */
  private static void putCodes(Map<String, Object> entry, CodeColumn codes) {
    entry.put("codes", codes.system().id());
    if (codes.vocabulary() != null) {
      entry.put("vocabulary", codes.vocabulary());
    }
    if (codes.generalisedCodes() > 0) {
      entry.put("generalisedCodes", codes.generalisedCodes());
      entry.put("ancestorCodes", codes.ancestorCodes());
    }
  }

  /**
   * Reads a schema from a JSON tree written by {@link #toMap} (as embedded in a model file).
   *
   * @throws IllegalArgumentException when the tree is not a valid schema; {@code source} names
   *     where it came from
   */
  @SuppressWarnings("unchecked")
  public static TableSchema fromMap(Map<String, Object> tree, String source) {
    Object columnsValue = tree.get("columns");
    if (!(columnsValue instanceof List<?> entries) || entries.isEmpty()) {
      throw new IllegalArgumentException(source + ": the schema lists no columns");
    }
    List<ColumnSchema> columns = new ArrayList<>();
    for (Object item : entries) {
      Map<String, Object> entry = (Map<String, Object>) item;
      ColumnKind kind = parseKind(String.valueOf(entry.get("kind")));
      if (kind == null) {
        throw new IllegalArgumentException(source + ": unknown column kind " + entry.get("kind"));
      }
      List<String> categories = new ArrayList<>();
      for (Object category : (List<Object>) entry.getOrDefault("categories", List.of())) {
        categories.add(String.valueOf(category));
      }
      columns.add(
          new ColumnSchema(
              String.valueOf(entry.get("name")),
              kind,
              Boolean.TRUE.equals(entry.get("nullable")),
              ((Number) entry.getOrDefault("missingRate", 0)).doubleValue(),
              categories,
              ((Number) entry.getOrDefault("decimals", 0)).intValue(),
              Boolean.TRUE.equals(entry.get("drop")),
              Boolean.TRUE.equals(entry.get("static")),
              (String) entry.get("shape"),
              ((Number) entry.getOrDefault("protectedValues", 0)).intValue(),
              ((Number) entry.getOrDefault("unparsedValues", 0)).intValue(),
              (String) entry.get("reason"),
              codesOf(entry, source)));
    }
    List<String> missingValues = new ArrayList<>();
    for (Object token : (List<Object>) tree.getOrDefault("missingValues", List.of())) {
      missingValues.add(String.valueOf(token));
    }
    Object separator = tree.get(CsvOptions.DECIMAL_SEPARATOR_OPTION);
    return new TableSchema(
        columns,
        (String) tree.get("target"),
        (String) tree.get("entityId"),
        (String) tree.get("time"),
        missingValues,
        (String) tree.get("endTime"),
        separator == null ? '.' : decimalSeparator(String.valueOf(separator), source),
        new VisitStructure(
            (String) tree.get("visitCounter"),
            ((Number) tree.getOrDefault("visitCounterStart", 1)).intValue(),
            (String) tree.get("intervalEnd")));
  }

  /** The code column properties of an embedded schema's column entry, or null when none. */
  private static CodeColumn codesOf(Map<String, Object> entry, String source) {
    Object system = entry.get("codes");
    if (system == null) {
      return null;
    }
    CodeSystem parsed = CodeSystem.parse(String.valueOf(system));
    if (parsed == null) {
      throw new IllegalArgumentException(source + ": unknown code system " + system);
    }
    return new CodeColumn(
        parsed,
        (String) entry.get("vocabulary"),
        ((Number) entry.getOrDefault("generalisedCodes", 0)).intValue(),
        ((Number) entry.getOrDefault("ancestorCodes", 0)).intValue());
  }

  /** Writes the schema file atomically. */
  public static void write(TableSchema schema, Path file) {
    AtomicFiles.write(file, toBytes(schema));
  }

  /**
   * Reads a schema file.
   *
   * @throws InvalidInputException naming the file, line and character of a syntax error, an unknown
   *     property or kind, a discrete column without categories, a duplicate column, or a target,
   *     entity id or time that names no column
   */
  public static TableSchema read(Path file) {
    SchemaDocument document = JsonFiles.read(file, SchemaDocument.class);
    if (document == null) {
      throw InvalidInputException.inFile(
          file, 1, null, "the file holds null; it must be a schema object");
    }
    if (document.formatVersion() == null || document.formatVersion() != FORMAT_VERSION) {
      throw problem(
          file,
          locate(file, "formatVersion"),
          null,
          "\"formatVersion\" is "
              + document.formatVersion()
              + " but this version of Synthetic Patients reads "
              + FORMAT_VERSION
              + "; set \"formatVersion\": "
              + FORMAT_VERSION
              + " or regenerate the schema with 'mvn synthetic:schema'");
    }
    if (document.columns() == null || document.columns().isEmpty()) {
      throw problem(
          file,
          locate(file, "columns"),
          null,
          "the schema lists no \"columns\"; regenerate it with 'mvn synthetic:schema'");
    }
    List<ColumnSchema> columns = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (int i = 0; i < document.columns().size(); i++) {
      ColumnEntry entry = document.columns().get(i);
      if (entry == null || entry.name() == null || entry.name().isBlank()) {
        throw problem(
            file,
            locate(file, "columns", i, "name"),
            null,
            "column " + (i + 1) + " has no \"name\"");
      }
      if (!names.add(entry.name())) {
        throw problem(
            file,
            locate(file, "columns", i, "name"),
            entry.name(),
            "the column is listed twice; remove or rename one entry");
      }
      columns.add(column(file, i, entry));
    }
    CodeColumn.firstMismatch(columns)
        .ifPresent(
            mismatch -> {
              throw problem(
                  file,
                  locate(file, "columns", mismatch.column(), "vocabulary"),
                  columns.get(mismatch.column()).name(),
                  mismatch.message());
            });
    checkRole(file, "target", document.target(), names);
    checkRole(file, "entityId", document.entityId(), names);
    checkRole(file, "time", document.time(), names);
    checkRole(file, "endTime", document.endTime(), names);
    try {
      LongitudinalRoles.checkEndTime(
          columns, document.entityId(), document.time(), document.endTime());
    } catch (IllegalArgumentException e) {
      throw problem(file, locate(file, "endTime"), document.endTime(), e.getMessage());
    }
    checkRole(file, "visitCounter", document.visitCounter(), names);
    checkRole(file, "intervalEnd", document.intervalEnd(), names);
    VisitStructure structure;
    try {
      structure =
          new VisitStructure(
              document.visitCounter(),
              document.visitCounterStart() == null ? 1 : document.visitCounterStart(),
              document.intervalEnd());
      structure.check(columns, document.entityId(), document.time());
    } catch (IllegalArgumentException e) {
      String key =
          document.visitCounterStart() != null
                  && document.visitCounterStart() != 0
                  && document.visitCounterStart() != 1
              ? "visitCounterStart"
              : e.getMessage().startsWith("\"intervalEnd\"") ? "intervalEnd" : "visitCounter";
      throw problem(file, locate(file, key), null, e.getMessage());
    }
    char separator = '.';
    if (document.decimalSeparator() != null) {
      try {
        separator = decimalSeparator(document.decimalSeparator(), "\"decimalSeparator\"");
      } catch (IllegalArgumentException e) {
        throw problem(
            file, locate(file, CsvOptions.DECIMAL_SEPARATOR_OPTION), null, e.getMessage());
      }
    }
    try {
      return new TableSchema(
          columns,
          document.target(),
          document.entityId(),
          document.time(),
          document.missingValues() == null ? List.of() : document.missingValues(),
          document.endTime(),
          separator,
          structure);
    } catch (IllegalArgumentException | InvalidInputException e) {
      throw problem(
          file, locate(file, document.time() == null ? "entityId" : "time"), null, e.getMessage());
    }
  }

  /**
   * The decimal separator a schema names, {@code "."} or {@code ","}.
   *
   * @throws IllegalArgumentException naming {@code where} for anything else
   */
  private static char decimalSeparator(String value, String where) {
    if (!value.equals(".") && !value.equals(",")) {
      throw new IllegalArgumentException(
          where
              + ": the decimal separator is \""
              + value
              + "\"; set \"decimalSeparator\" to \".\" (61.5) or \",\" (61,5)");
    }
    return value.charAt(0);
  }

  /**
   * A list of strings written on one line ({@code ["0", "1", "2"]}), so a schema stays short to
   * read.
   */
  private static RawValue inlineArray(List<String> values) {
    StringBuilder json = new StringBuilder("[");
    for (String value : values) {
      if (json.length() > 1) {
        json.append(", ");
      }
      try {
        json.append(JsonFiles.mapper().writeValueAsString(value));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("A string always serializes", e);
      }
    }
    return new RawValue(json.append(']').toString());
  }

  private static ColumnSchema column(Path file, int index, ColumnEntry entry) {
    String name = entry.name();
    if (entry.kind() == null) {
      throw problem(
          file,
          locate(file, "columns", index, "kind"),
          name,
          "the column has no \"kind\"; use one of " + VALID_KINDS);
    }
    ColumnKind kind = parseKind(entry.kind());
    if (kind == null) {
      throw problem(
          file,
          locate(file, "columns", index, "kind"),
          name,
          "unknown kind \"" + entry.kind() + "\"; use one of " + VALID_KINDS);
    }
    List<String> categories = entry.categories() == null ? List.of() : entry.categories();
    if (kind.isDiscrete() && categories.isEmpty()) {
      throw problem(
          file,
          locate(file, "columns", index, "categories"),
          name,
          "a "
              + kindName(kind)
              + " column needs its \"categories\", e.g. [\"0\", \"1\", \"2\"]; list them as"
              + " written in the CSV, or regenerate the schema with 'mvn synthetic:schema'");
    }
    if (kind == ColumnKind.BINARY && categories.size() != 2) {
      throw problem(
          file,
          locate(file, "columns", index, "categories"),
          name,
          "a binary column has exactly 2 categories but "
              + categories.size()
              + " are listed "
              + categories
              + "; set \"kind\": \"categorical\"");
    }
    if (categories.stream().anyMatch(java.util.Objects::isNull)
        || new HashSet<>(categories).size() != categories.size()) {
      throw problem(
          file,
          locate(file, "columns", index, "categories"),
          name,
          "the categories "
              + categories
              + " contain null or a repeated value; list each category once");
    }
    int decimals =
        entry.decimals() != null
            ? entry.decimals()
            : kind == ColumnKind.NUMERIC ? DEFAULT_NUMERIC_DECIMALS : 0;
    if (decimals < 0 || decimals > 15) {
      throw problem(
          file,
          locate(file, "columns", index, "decimals"),
          name,
          "\"decimals\" is " + decimals + "; use a number from 0 to 15");
    }
    double missingRate = entry.missingRate() == null ? 0 : entry.missingRate();
    if (!(missingRate >= 0 && missingRate <= 1)) {
      throw problem(
          file,
          locate(file, "columns", index, "missingRate"),
          name,
          "\"missingRate\" is " + missingRate + "; use a share from 0 to 1");
    }
    // A shape left on a column whose kind the user changed (to learn it) is ignored: changing the
    // kind is enough.
    String shape = kind == ColumnKind.IDENTIFIER ? entry.shape() : null;
    try {
      IdentifierShape.check(shape);
    } catch (IllegalArgumentException e) {
      throw problem(file, locate(file, "columns", index, "shape"), name, e.getMessage());
    }
    int protectedValues = entry.protectedValues() == null ? 0 : entry.protectedValues();
    int unparsedValues = entry.unparsedValues() == null ? 0 : entry.unparsedValues();
    if (protectedValues < 0 || unparsedValues < 0) {
      throw problem(
          file,
          locate(
              file, "columns", index, protectedValues < 0 ? "protectedValues" : "unparsedValues"),
          name,
          "a count of values cannot be negative; use 0 or remove it");
    }
    return new ColumnSchema(
        name,
        kind,
        Boolean.TRUE.equals(entry.nullable()),
        missingRate,
        categories,
        decimals,
        Boolean.TRUE.equals(entry.drop()),
        Boolean.TRUE.equals(entry.staticAttribute()),
        shape,
        protectedValues,
        unparsedValues,
        entry.reason(),
        codes(file, index, entry, kind));
  }

  /**
   * A column entry's {@code codes}, {@code vocabulary} and code counts, or null when it names no
   * code system.
   */
  private static CodeColumn codes(Path file, int index, ColumnEntry entry, ColumnKind kind) {
    String name = entry.name();
    if (entry.codes() == null) {
      if (entry.vocabulary() != null) {
        throw problem(
            file,
            locate(file, "columns", index, "vocabulary"),
            name,
            "\"vocabulary\" is set but \"codes\" is not; set \"codes\" to one of "
                + CodeSystem.ids()
                + ", or remove \"vocabulary\"");
      }
      return null;
    }
    CodeSystem system = CodeSystem.parse(entry.codes());
    if (system == null) {
      throw problem(
          file,
          locate(file, "columns", index, "codes"),
          name,
          "unknown code system \""
              + entry.codes()
              + "\"; use one of "
              + CodeSystem.ids()
              + " (\"generic\" when codes have no ancestors), or remove \"codes\"");
    }
    if (!kind.isDiscrete()) {
      throw problem(
          file,
          locate(file, "columns", index, "codes"),
          name,
          "the column is "
              + kindName(kind)
              + " and cannot hold codes; set \"kind\": \"categorical\" with its"
              + " \"categories\", or remove \"codes\"");
    }
    int generalised = entry.generalisedCodes() == null ? 0 : entry.generalisedCodes();
    int ancestors = entry.ancestorCodes() == null ? 0 : entry.ancestorCodes();
    if (generalised < 0 || ancestors < 0 || ancestors > generalised) {
      throw problem(
          file,
          locate(file, "columns", index, "ancestorCodes"),
          name,
          "\"generalisedCodes\" ("
              + generalised
              + ") and \"ancestorCodes\" ("
              + ancestors
              + ") are counts, and no more ancestors than generalised codes; correct or remove"
              + " them");
    }
    if (entry.vocabulary() != null && entry.vocabulary().isBlank()) {
      throw problem(
          file,
          locate(file, "columns", index, "vocabulary"),
          name,
          "\"vocabulary\" is blank; name the vocabulary the column shares, or remove it");
    }
    return new CodeColumn(system, entry.vocabulary(), generalised, ancestors);
  }

  private static void checkRole(Path file, String role, String column, Set<String> names) {
    if (column != null && !names.contains(column)) {
      throw problem(
          file,
          locate(file, role),
          null,
          "\""
              + role
              + "\" names column '"
              + column
              + "', which is not in \"columns\"; use one of the column"
              + " names or null");
    }
  }

  private static ColumnKind parseKind(String text) {
    for (ColumnKind kind : ColumnKind.values()) {
      if (kind.name().equalsIgnoreCase(text.trim())) {
        return kind;
      }
    }
    return null;
  }

  private static String kindName(ColumnKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static InvalidInputException problem(
      Path file, JsonLocation location, String column, String message) {
    long line = location == null ? -1 : location.getLineNr();
    String at =
        location == null || location.getColumnNr() < 1
            ? ""
            : "at character " + location.getColumnNr() + ": ";
    return InvalidInputException.inFile(file, line, column, at + message);
  }

  /**
   * Where a property is in the file: {@code locate(file, "target")} for a top-level one, {@code
   * locate(file, "columns", 3, "kind")} for one of the fourth column (or that column's start when
   * it lacks the property). Null when it cannot be found. The file is read a second time only when
   * there is an error to report.
   */
  private static JsonLocation locate(Path file, String property) {
    return locate(file, property, -1, null);
  }

  private static JsonLocation locate(
      Path file, String property, int element, String elementProperty) {
    try (JsonParser parser =
        JsonFiles.mapper().getFactory().createParser(Files.readAllBytes(file))) {
      int depth = 0;
      int arrayIndex = -1;
      boolean inProperty = false;
      JsonLocation elementStart = null;
      JsonToken token;
      while ((token = parser.nextToken()) != null) {
        switch (token) {
          case START_OBJECT:
          case START_ARRAY:
            depth++;
            if (inProperty
                && depth == 3
                && token == JsonToken.START_OBJECT
                && ++arrayIndex == element) {
              elementStart = parser.currentTokenLocation();
            }
            break;
          case END_OBJECT:
          case END_ARRAY:
            depth--;
            if (elementStart != null && depth == 2) {
              return elementStart; // the element lacks the property
            }
            if (depth == 1) {
              inProperty = false;
            }
            break;
          case FIELD_NAME:
            if (depth == 1) {
              inProperty = property.equals(parser.currentName());
              if (inProperty && element < 0) {
                return parser.currentTokenLocation();
              }
            } else if (depth == 3
                && elementStart != null
                && parser.currentName().equals(elementProperty)) {
              return parser.currentTokenLocation();
            }
            break;
          default:
            break;
        }
      }
      return elementStart;
    } catch (IOException e) {
      return null;
    }
  }

  /** The file's top level, as bound by Jackson (unknown properties are errors). */
  record SchemaDocument(
      Integer formatVersion,
      String target,
      String entityId,
      String time,
      String endTime,
      List<ColumnEntry> columns,
      List<String> missingValues,
      String decimalSeparator,
      String visitCounter,
      Integer visitCounterStart,
      String intervalEnd) {}

  /** One entry of {@code columns}. */
  record ColumnEntry(
      String name,
      String kind,
      Boolean nullable,
      Double missingRate,
      List<String> categories,
      Integer decimals,
      Boolean drop,
      @com.fasterxml.jackson.annotation.JsonProperty("static") Boolean staticAttribute,
      String shape,
      Integer protectedValues,
      Integer unparsedValues,
      String reason,
      String codes,
      String vocabulary,
      Integer generalisedCodes,
      Integer ancestorCodes) {}
}

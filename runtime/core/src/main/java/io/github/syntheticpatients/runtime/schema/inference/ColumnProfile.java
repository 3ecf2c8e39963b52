package io.github.syntheticpatients.runtime.schema.inference;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.io.csv.CsvValues;
import io.github.syntheticpatients.runtime.io.csv.LongitudinalInput;
import io.github.syntheticpatients.runtime.io.csv.ValueShapes;
import io.github.syntheticpatients.runtime.schema.CodeColumn;
import io.github.syntheticpatients.runtime.schema.CodeSystem;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.IdentifierShape;
import io.github.syntheticpatients.runtime.schema.ValueProtection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything the {@link SchemaInference} rules need to know about one column, gathered value by
 * value, and the rules themselves ({@link #toSchema}). Memory is bounded: value counts for at most
 * {@value #DISTINCT_TRACKED} distinct values, at most {@value #MAX_PATTERNS} value templates, the
 * lines and shapes of five stray values for the warning, and 8 bytes a value only while the column
 * may still be all distinct.
 */
final class ColumnProfile {
  /** What a column is for in longitudinal data. */
  enum Role {
    ORDINARY,
    ENTITY_ID,
    TIME
  }

  /** Distinct values are counted exactly up to this many; beyond it only their number matters. */
  private static final int DISTINCT_TRACKED = SchemaInference.MAX_CATEGORY_LIMIT + 1;

  /** Templates tracked per column; a column with more shapes is not code-shaped. */
  private static final int MAX_PATTERNS = 16;

  /** Stray values remembered for the warning. */
  private static final int EXAMPLES = 5;

  /**
   * Share of values (of those present) that must share one shape, or be e-mails or phone numbers.
   */
  private static final double DOMINANT_SHARE = 0.9;

  /**
   * Digits from which a whole number of fixed width reads as a record number (an SSN has 9, an MRN
   * 7 to 10).
   */
  static final int MIN_ID_DIGITS = 8;

  private static final Logger LOG = LoggerFactory.getLogger(SchemaInference.class);
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[A-Za-z]{2,}");

  /**
   * A code-shaped token: letters, digits, dots and dashes, at most {@value
   * SchemaInference#MAX_CODE_LENGTH} characters, starting with a letter or digit ({@code 428},
   * {@code 250.83}, {@code V57}, {@code E11.9}, {@code J01CA04}).
   */
  private static final Pattern CODE_TOKEN =
      Pattern.compile(
          "[A-Za-z0-9][A-Za-z0-9.\\-]{0," + (SchemaInference.MAX_CODE_LENGTH - 1) + "}");

  private final String name;
  private final Role role;
  private final int k;
  private final boolean idName;
  private final IdentifierNames.Meaning meaning;
  private String firstText;
  private String firstTextAt;
  private long present;
  private long missing;
  private long placeholders;
  private long numbers;
  private boolean allIntegral = true;
  private boolean increasing = true;
  private double previous = Double.NEGATIVE_INFINITY;
  private int maxDecimals;
  private final long[] digitWidths = new long[20];
  private long compactDates;
  private long dates;
  private long dateTimes;
  private boolean anyTime;
  private long emails;
  private long phones;
  private final List<String> notNumbers = new ArrayList<>();
  private final List<String> notDates = new ArrayList<>();
  private final List<String> notDateTimes = new ArrayList<>();
  private Map<String, Holders> counts = new HashMap<>();
  private boolean manyDistinct;
  private UniquenessTracker uniqueness;
  private boolean uniquenessAbandoned;

  /**
   * Templates of the values and how many rows have each: streamed only once the values are no
   * longer counted.
   */
  private Map<String, Long> patterns = new HashMap<>();

  private boolean anyBlank;

  /**
   * Whether every value so far is a code-shaped token, and whether any is text: then values are
   * counted longer.
   */
  private boolean allCodeShaped = true;

  private boolean anyText;

  /**
   * The stray values of the last column built, with their lines, for the warning; null when none.
   */
  private String strayExamples;

  ColumnProfile(String name, Role role, int k) {
    this.name = name;
    this.role = role;
    this.k = k;
    this.idName = SchemaInference.looksLikeIdName(name);
    this.meaning = role == Role.ORDINARY ? IdentifierNames.meaningOf(name) : null;
    // A patient id repeats across visits and a time column is never an identifier: no uniqueness to
    // track.
    this.uniquenessAbandoned = role != Role.ORDINARY;
  }

  /**
   * One field.
   *
   * @param value the trimmed text, null when missing
   * @param file the file it is in, and {@code line} its line there, for warnings
   * @param holder who holds the value: the row in tabular data, the patient in longitudinal data (a
   *     value seen on ten visits of one patient is held by one record)
   */
  void accept(String value, Path file, long line, long holder) {
    if (value == null) {
      missing++;
      return;
    }
    present++;
    boolean streaming = manyDistinct; // the values were no longer counted before this one
    allCodeShaped =
        allCodeShaped && (CsvValues.isPlaceholder(value) || CODE_TOKEN.matcher(value).matches());
    trackDistinct(value, holder);
    if (CsvValues.isPlaceholder(value)) {
      placeholders++; // missing if the column turns out numbers or dates; a value if text
      trackPattern(value, streaming);
      return;
    }
    double number = CsvValues.parseNumber(value);
    if (!Double.isNaN(number)) {
      acceptNumber(value, number);
      if (meaning != null) {
        trackPattern(value, streaming);
      }
      example(notDates, value, file, line);
      example(notDateTimes, value, file, line);
      return;
    }
    if (firstText == null) {
      firstText = value;
      firstTextAt = file.getFileName() + " line " + line;
    }
    anyText = true;
    example(notNumbers, value, file, line);
    trackPattern(value, streaming);
    anyBlank |= value.indexOf(' ') >= 0;
    if (!Double.isNaN(CsvValues.parseDate(value))) {
      dates++;
      dateTimes++;
      return;
    }
    example(notDates, value, file, line);
    if (!Double.isNaN(CsvValues.parseDateTime(value))) {
      dateTimes++;
      anyTime = true;
      return;
    }
    example(notDateTimes, value, file, line);
    if (value.indexOf('@') > 0 && EMAIL.matcher(value).matches()) {
      emails++;
    } else if (looksLikePhone(value)) {
      phones++;
    }
  }

  private void acceptNumber(String value, double number) {
    numbers++;
    maxDecimals = Math.max(maxDecimals, CsvValues.decimals(value));
    allIntegral &= CsvValues.isIntegral(number);
    increasing &= number > previous;
    previous = number;
    int width = digitsOnlyWidth(value);
    if (width > 0) {
      digitWidths[Math.min(width, digitWidths.length - 1)]++;
    }
    if (width == 8 && isCompactDate(value)) {
      compactDates++;
    }
    // A number column can still be all distinct only as whole numbers with an id name, in sequence,
    // or long.
    if (uniqueness != null
        && (!allIntegral || (!idName && !increasing && width < MIN_ID_DIGITS - 1))) {
      uniqueness = null;
      uniquenessAbandoned = true;
    }
  }

  /**
   * The number of digits of an unsigned run of digits ({@code 012345678} has 9), or 0 for anything
   * else.
   */
  private static int digitsOnlyWidth(String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return 0;
      }
    }
    return value.length();
  }

  /**
   * Whether 8 digits read as a date yyyyMMdd from 1800 to 2199 ({@code 20200105}): a date, not a
   * record number.
   */
  private static boolean isCompactDate(String digits) {
    int year = Integer.parseInt(digits.substring(0, 4));
    int month = Integer.parseInt(digits.substring(4, 6));
    int day = Integer.parseInt(digits.substring(6, 8));
    return year >= 1800 && year < 2200 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
  }

  /**
   * 9 to 15 digits with at least one of {@code + ( ) - . blank} and nothing else: {@code (555)
   * 010-4477}.
   */
  private static boolean looksLikePhone(String value) {
    int digits = 0;
    int separators = 0;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c >= '0' && c <= '9') {
        digits++;
      } else if (c == '+' || c == '(' || c == ')' || c == '-' || c == '.' || c == ' ') {
        separators++;
      } else {
        return false;
      }
    }
    return digits >= 9 && digits <= 15 && separators > 0;
  }

  private static void example(List<String> examples, String value, Path file, long line) {
    if (examples.size() < EXAMPLES) {
      // Where and what shape, never the value: a stray is often a unique entry (privacy §10).
      examples.add(file.getFileName() + " line " + line + " (" + ValueShapes.describe(value) + ")");
    }
  }

  /**
   * Whether a value's template counts: text and placeholders always, numbers only under an
   * identifier name.
   */
  private boolean hasShape(String value) {
    return meaning != null || !CsvValues.isNumber(value);
  }

  private void trackPattern(String value, boolean streaming) {
    if (!streaming) {
      return; // while values are counted, templates are made from the counts at the end
    }
    addPattern(value, 1);
  }

  private void addPattern(String value, long rows) {
    if (patterns == null) {
      return;
    }
    String pattern = IdentifierShape.patternOf(value);
    if (pattern == null) {
      patterns = null;
      return;
    }
    patterns.merge(pattern, rows, Long::sum);
    if (patterns.size() > MAX_PATTERNS) {
      patterns = null;
    }
  }

  private void trackDistinct(String value, long holder) {
    if (!manyDistinct) {
      Holders held = counts.get(value);
      if (held == null) {
        held = new Holders(k);
        counts.put(value, held);
      }
      held.add(holder);
      if (counts.size() > distinctLimit()) {
        manyDistinct = true;
        counts.forEach(
            (v, holders) -> {
              if (hasShape(v)) {
                addPattern(v, holders.rows);
              }
            });
        if (counts.size() == present && !uniquenessAbandoned) {
          // Every value so far is distinct: keep checking with hashes instead of strings.
          uniqueness = new UniquenessTracker();
          counts.keySet().forEach(uniqueness::add);
        } else {
          uniquenessAbandoned = true;
        }
        counts = null;
      }
    } else if (uniqueness != null) {
      uniqueness.add(value);
    }
  }

  /**
   * How many distinct values are counted exactly: more while every value is a code-shaped token and
   * some are text (a column of diagnosis codes), so that such a column can be categories at any
   * cardinality.
   */
  private int distinctLimit() {
    return allCodeShaped && anyText ? SchemaInference.MAX_CODE_CATEGORIES : DISTINCT_TRACKED;
  }

  private boolean allDistinct() {
    if (!manyDistinct) {
      return counts.size() == present;
    }
    return uniqueness != null && uniqueness.allDistinct();
  }

  /** All distinct, or (while counted) at least 90 % of the values distinct. */
  private boolean mostlyDistinct() {
    // Counted code columns beyond the usual limit keep the usual answer (all distinct only), so no
    // kind changes.
    return allDistinct()
        || (!manyDistinct
            && counts.size() <= DISTINCT_TRACKED
            && counts.size() >= DOMINANT_SHARE * present);
  }

  /** The most frequent template, or null when none was tracked. */
  private String dominantPattern() {
    if (!manyDistinct && patterns != null && patterns.isEmpty()) {
      counts.forEach(
          (v, holders) -> {
            if (hasShape(v)) {
              addPattern(v, holders.rows);
            }
          });
    }
    if (patterns == null || patterns.isEmpty()) {
      return null;
    }
    return patterns.entrySet().stream()
        .max(
            Map.Entry.<String, Long>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
        .map(Map.Entry::getKey)
        .orElse(null);
  }

  /**
   * The template that at least 90 % of the values share, without blanks (a code, not words), or
   * null.
   */
  private String codePattern() {
    String pattern = dominantPattern();
    return pattern != null
            && pattern.indexOf(' ') < 0
            && patterns.get(pattern) >= DOMINANT_SHARE * present
        ? pattern
        : null;
  }

  /**
   * How many stray values a number or date column may hold and still be kept: 5 %, rounded down.
   */
  static long allowedStrays(long values) {
    return (long) Math.floor(values * SchemaInference.MAX_UNPARSED_SHARE);
  }

  /**
   * Applies the rules and returns the column, with the reason for its kind where there is something
   * to say; the missing rate is a share of the rows seen (one value per row).
   *
   * @param source what is being read, for messages
   */
  ColumnSchema toSchema(Path source) {
    if (role == Role.ENTITY_ID) {
      return column(ColumnKind.IDENTIFIER, missing, List.of(), 0).build();
    }
    if (role == Role.TIME) {
      return timeSchema(source);
    }
    if (present == 0) {
      return column(ColumnKind.NUMERIC, missing, List.of(), 0)
          .dropped(
              "every value is missing; delete the column from the CSV, or fill it in and infer again")
          .build();
    }
    if (meaning != null) {
      return byName().build();
    }
    long numberLike = present - placeholders;
    long strays = numberLike - numbers;
    if (numbers > 0 && strays > 0 && numberedCodes()) {
      return textColumn().build(); // ICD-9 codes, mostly numbers: 428, 250.83, and a few V57
    }
    if (numbers > 0 && strays <= allowedStrays(numberLike)) {
      return numberColumn(strays).build();
    }
    if (dates > 0 && numberLike - dates <= allowedStrays(numberLike)) {
      return dateColumn(ColumnKind.DATE, numberLike - dates, notDates, "ISO dates (yyyy-MM-dd)")
          .build();
    }
    if (anyTime && numberLike - dateTimes <= allowedStrays(numberLike)) {
      return dateColumn(
              ColumnKind.DATETIME,
              numberLike - dateTimes,
              notDateTimes,
              "ISO dates or date-times (yyyy-MM-ddTHH:mm)")
          .build();
    }
    return textColumn().build();
  }

  private Builder byName() {
    String shape = meaning.shape;
    if (meaning.dropped) {
      shape =
          IdentifierShape
              .SEQUENCE; // record numbers, should the user keep the column: text has no useful
      // shape
    } else if (shape == null) {
      String pattern = dominantPattern();
      shape = pattern == null ? IdentifierShape.SEQUENCE : IdentifierShape.PATTERN_PREFIX + pattern;
    }
    String said = "the name reads as " + meaning.description;
    Builder column = column(ColumnKind.IDENTIFIER, missing, List.of(), 0).shape(shape);
    if (meaning == IdentifierNames.Meaning.BIRTH_DATE) {
      return column.dropped(
          said
              + ", which with sex and a postal code picks out most people; dropped. To keep a coarse age, add an"
              + " age or birth-year column; to learn it as it is, set \"kind\": \"date\" and \"drop\": false");
    }
    if (meaning.dropped) {
      return column.dropped(
          said
              + "; dropped, since no shape of it is worth generating. To generate placeholder values set \"drop\":"
              + " false; to learn it set its \"kind\" (and categories)");
    }
    return column.reason(
        said
            + "; never learned, generated as "
            + IdentifierShape.describe(shape)
            + " (\"shape\"). To learn it"
            + " instead, set its \"kind\"");
  }

  private Builder numberColumn(long strays) {
    long missingTotal = missing + placeholders + strays;
    int decimals = Math.min(maxDecimals, SchemaInference.MAX_DECIMALS);
    boolean clean = strays == 0;
    if (clean
        && allIntegral
        && (idName || (increasing && numbers >= SchemaInference.MIN_ROWS_FOR_IDENTIFIER))
        && allDistinct()) {
      return column(ColumnKind.IDENTIFIER, missingTotal, List.of(), 0)
          .reason(
              (idName
                      ? "distinct whole numbers under an id-like name"
                      : "a strictly increasing sequence")
                  + "; never learned, generated as record numbers 1, 2, 3, ...");
    }
    int width = fixedDigitWidth();
    boolean datesAsNumbers =
        width == 8 && compactDates == numbers; // 20200105 is a date, not a number
    if (clean && width >= MIN_ID_DIGITS && !datesAsNumbers && mostlyDistinct()) {
      String shape = IdentifierShape.PATTERN_PREFIX + "d".repeat(width);
      return column(ColumnKind.IDENTIFIER, missingTotal, List.of(), 0)
          .shape(shape)
          .reason(
              "mostly distinct "
                  + width
                  + "-digit numbers, the shape of a record or national number; never"
                  + " learned, generated as "
                  + IdentifierShape.describe(shape)
                  + ". To learn it instead set"
                  + " \"kind\": \"integer\"");
    }
    Builder column;
    long distinct =
        manyDistinct
            ? Long.MAX_VALUE
            : counts.keySet().stream().filter(CsvValues::isNumber).count();
    boolean looksLikeCodes =
        distinct <= SchemaInference.MAX_NUMERIC_CODES && (distinct <= 2 || numbers >= 2 * distinct);
    Builder codes =
        looksLikeCodes
            ? protectedCategories(CsvValues::isNumber, numbers, missingTotal, decimals, true)
            : null;
    if (codes != null) {
      column = codes;
    } else {
      column =
          column(
              allIntegral ? ColumnKind.INTEGER : ColumnKind.NUMERIC,
              missingTotal,
              List.of(),
              allIntegral ? 0 : decimals);
      if (looksLikeCodes) {
        column.reason(
            "few distinct numbers look like codes, but none is held by "
                + k
                + " records (or those that are cover"
                + " less than half the rows), so it is learned as numbers; to keep it as codes lower "
                + SchemaInference.K_PROPERTY);
      }
    }
    return column.unparsed(strays, notNumbers, "numbers");
  }

  /** The digit count that at least 80 % of the whole numbers have, or 0. */
  private int fixedDigitWidth() {
    if (!allIntegral || numbers == 0) {
      return 0;
    }
    int widest = 0;
    for (int w = 1; w < digitWidths.length; w++) {
      if (digitWidths[w] > 0) {
        widest = w;
      }
    }
    return widest > 0 && digitWidths[widest] >= 0.8 * numbers ? widest : 0;
  }

  private Builder dateColumn(ColumnKind kind, long strays, List<String> examples, String what) {
    return column(kind, missing + placeholders + strays, List.of(), 0)
        .unparsed(strays, examples, what);
  }

  private Builder textColumn() {
    if (emails >= DOMINANT_SHARE * present) {
      return column(ColumnKind.IDENTIFIER, missing, List.of(), 0)
          .shape(IdentifierShape.EMAIL)
          .reason(
              "the values are e-mail addresses; never learned, generated as "
                  + IdentifierShape.describe(IdentifierShape.EMAIL));
    }
    if (phones >= DOMINANT_SHARE * present) {
      String pattern = dominantPattern();
      String shape =
          pattern == null ? IdentifierShape.SEQUENCE : IdentifierShape.PATTERN_PREFIX + pattern;
      return column(ColumnKind.IDENTIFIER, missing, List.of(), 0)
          .shape(shape)
          .reason(
              "the values are phone numbers; never learned, generated as "
                  + IdentifierShape.describe(shape));
    }
    boolean identifierSized = allDistinct() && present >= SchemaInference.MIN_ROWS_FOR_IDENTIFIER;
    long limit =
        Math.max(
            SchemaInference.MIN_CATEGORY_LIMIT,
            Math.min(SchemaInference.MAX_CATEGORY_LIMIT, present / 50));
    boolean codes = looksLikeCodes() && !identifierSized;
    CodeSystem system = codes ? codeSystem() : null;
    if (codes && counts.keySet().stream().anyMatch(value -> system.parent(value) != null)) {
      Builder generalised =
          protectedCodes(
              limit, system); // codes with ancestors: generalise rare ones, at any number
      if (generalised != null) {
        return generalised;
      }
    }
    if (!manyDistinct && counts.size() <= limit && !identifierSized) {
      Builder categories = protectedCategories(value -> true, present, missing, 0, false);
      if (categories != null) {
        return categories;
      }
    }
    if (codes && counts.size() > limit) {
      Builder codeCategories = protectedCodes(limit, system);
      if (codeCategories != null) {
        return codeCategories;
      }
    }
    String pattern = codePattern();
    if (pattern != null && mostlyDistinct()) {
      String shape = IdentifierShape.PATTERN_PREFIX + pattern;
      return column(ColumnKind.IDENTIFIER, missing, List.of(), 0)
          .shape(shape)
          .reason(
              "mostly distinct codes of one shape; never learned, generated as "
                  + IdentifierShape.describe(shape));
    }
    if (allDistinct() && !anyBlank) {
      return column(ColumnKind.IDENTIFIER, missing, List.of(), 0)
          .reason(
              "every value is distinct; never learned, generated as record numbers 1, 2, 3, ...");
    }
    String why =
        manyDistinct || counts.size() > limit
            ? "free text: more than " + limit + " distinct values in " + present + " rows"
            : "free text: the values held by at least "
                + k
                + " records ("
                + SchemaInference.K_PROPERTY
                + ") cover less than half of the "
                + present
                + " rows";
    // Kind identifier, so that un-dropping it generates record numbers rather than copying text.
    return column(ColumnKind.IDENTIFIER, missing, List.of(), 0)
        .dropped(
            why
                + ", so it is neither categories nor an identifier. To keep it, set \"drop\": false"
                + " (record numbers are generated), or set \"kind\": \"categorical\" with its \"categories\", or lower "
                + SchemaInference.K_PROPERTY);
  }

  /**
   * The values held by at least k records as categories, the rest merged into {@link
   * ValueProtection#RARE_CATEGORY}; null when the kept values cover less than half of the values
   * (then the column is not categories).
   */
  private Builder protectedCategories(
      java.util.function.Predicate<String> eligible,
      long values,
      long missingTotal,
      int decimals,
      boolean numeric) {
    List<String> kept = new ArrayList<>();
    long keptRows = 0;
    int rare = 0;
    for (Map.Entry<String, Holders> entry : counts.entrySet()) {
      if (!eligible.test(entry.getKey())) {
        continue;
      }
      if (entry.getValue().held() >= k) {
        kept.add(entry.getKey());
        keptRows += entry.getValue().rows;
      } else {
        rare++;
      }
    }
    if (kept.isEmpty() || 2 * keptRows < values) {
      return null;
    }
    kept.sort(
        numeric
            ? Comparator.comparingDouble(CsvValues::parseNumber)
                .thenComparing(Comparator.naturalOrder())
            : Comparator.naturalOrder());
    if (rare > 0) {
      kept.add(ValueProtection.RARE_CATEGORY);
    }
    ColumnKind kind = kept.size() == 2 ? ColumnKind.BINARY : ColumnKind.CATEGORICAL;
    Builder column = column(kind, missingTotal, kept, decimals);
    column.protectedValues = rare;
    if (rare > 0) {
      column.reason(
          rare
              + (rare == 1 ? " value is" : " values are")
              + " held by fewer than "
              + k
              + " records and read as "
              + ValueProtection.RARE_CATEGORY
              + " ("
              + SchemaInference.K_PROPERTY
              + ")");
    }
    return column;
  }

  /**
   * Short code-shaped tokens of few shapes that repeat (each value held on average by at least two
   * rows), all counted: diagnosis, procedure or drug codes, categories at any cardinality.
   */
  private boolean looksLikeCodes() {
    if (manyDistinct || !allCodeShaped || !anyText || 2L * counts.size() > present) {
      return false;
    }
    Map<String, Boolean> shapes = new HashMap<>();
    for (String value : counts.keySet()) {
      shapes.put(IdentifierShape.patternOf(value), Boolean.TRUE);
      if (shapes.size() > MAX_PATTERNS) {
        return false;
      }
    }
    return true;
  }

  /**
   * Whether a column of mostly numbers is codes written as numbers, as ICD-9 is ({@code 428},
   * {@code 250.83}): every value is code-shaped, the values are counted, their shapes name a
   * recognised system, and every value that is not a number is a code of that system too ({@code
   * V57.1}, not {@code n.d.}). Without such a code (every value a number) the column stays numbers:
   * a sodium of 140.5 has the shape of an ICD-9 code.
   */
  private boolean numberedCodes() {
    if (manyDistinct || !allCodeShaped || !anyText) {
      return false;
    }
    CodeSystem system = codeSystem();
    if (system == CodeSystem.GENERIC) {
      return false;
    }
    for (String value : counts.keySet()) {
      if (!CsvValues.isNumber(value)
          && !CsvValues.isPlaceholder(value)
          && !system.hasShape(value)) {
        return false;
      }
    }
    return true;
  }

  /** The code system of a counted column's values, by their shape ({@link CodeSystem#detect}). */
  private CodeSystem codeSystem() {
    Map<String, Long> rows = new HashMap<>();
    counts.forEach((value, holders) -> rows.put(value, holders.rows));
    return CodeSystem.detect(rows);
  }

  /**
   * A code column as categories: the codes held by at least k records are kept; a rarer code is
   * generalised to its nearest ancestor ({@link CodeSystem#parent}) held by at least k records,
   * counting the rare codes below it, else read as {@link ValueProtection#RARE_CATEGORY}. Null when
   * what is kept covers less than half of the values.
   */
  private Builder protectedCodes(long limit, CodeSystem system) {
    CodeGeneralisation vocabulary = CodeGeneralisation.of(counts, system, k);
    return vocabulary.covers() ? codeColumn(vocabulary, limit, null, List.of()) : null;
  }

  /**
   * This code column's holders of each code, to be counted with those of the other columns that
   * share its vocabulary; null when the values were not counted.
   */
  Map<String, Holders> codeCounts() {
    return counts;
  }

  /**
   * This code column with the categories of a vocabulary it shares with {@code partners}.
   *
   * @param vocabulary the codes of every column sharing it, generalised together
   * @param name the vocabulary's name in the schema
   */
  ColumnSchema sharedCodeSchema(CodeGeneralisation vocabulary, String name, List<String> partners) {
    return codeColumn(vocabulary, codeLimit(), name, partners).build();
  }

  /** The most distinct values of text that is not codes, as {@link #textColumn} computes it. */
  private long codeLimit() {
    return Math.max(
        SchemaInference.MIN_CATEGORY_LIMIT,
        Math.min(SchemaInference.MAX_CATEGORY_LIMIT, present / 50));
  }

  private Builder codeColumn(
      CodeGeneralisation vocabulary, long limit, String name, List<String> partners) {
    List<String> categories = vocabulary.categories();
    Builder column =
        column(
            categories.size() == 2 ? ColumnKind.BINARY : ColumnKind.CATEGORICAL,
            missing,
            categories,
            0);
    CodeGeneralisation.Protection protection = vocabulary.protectionOf(counts.keySet());
    column.protectedValues = protection.generalised() + protection.bucketed();
    column.codes =
        new CodeColumn(vocabulary.system(), name, protection.generalised(), protection.ancestors());
    column.reason(
        "codes: short tokens of few shapes that repeat ("
            + counts.size()
            + " distinct values in "
            + present
            + " rows"
            + (counts.size() > limit ? ", more than the " + limit + " of other text" : "")
            + "), so categories at any number of values; "
            + (vocabulary.system() == CodeSystem.GENERIC
                ? "of no recognised code system, so rare codes are not generalised"
                : vocabulary.system().description() + " codes by their shape")
            + " (\"codes\": \""
            + vocabulary.system().id()
            + "\"). To make it an identifier instead set \"kind\": \"identifier\", to leave it"
            + " out set \"drop\": true");
    if (name != null) {
      column.reason(
          "shares the vocabulary \""
              + name
              + "\" with "
              + String.join(", ", partners)
              + ": a code is counted over the records holding it in any of them, and each lists the"
              + " same categories. To split this column off, remove its \"vocabulary\" (its"
              + " categories stay as listed)");
    }
    if (protection.generalised() > 0) {
      column.reason(
          protection.generalised()
              + " codes held by fewer than "
              + k
              + " records are generalised to "
              + protection.ancestors()
              + " ancestor codes held by at least "
              + k
              + " (250.83 -> 250)");
    }
    if (protection.bucketed() > 0) {
      column.reason(
          protection.bucketed()
              + " codes held by fewer than "
              + k
              + " records and with no such ancestor are read"
              + " as "
              + ValueProtection.RARE_CATEGORY
              + " ("
              + SchemaInference.K_PROPERTY
              + ")");
    }
    return column;
  }

  /** The time column: continuous whatever its number of distinct values. */
  private ColumnSchema timeSchema(Path csv) {
    if (present > 0 && numbers == present) {
      return column(
              allIntegral ? ColumnKind.INTEGER : ColumnKind.NUMERIC,
              missing,
              List.of(),
              allIntegral ? 0 : Math.min(maxDecimals, SchemaInference.MAX_DECIMALS))
          .build();
    }
    if (present > 0 && dates == present) {
      return column(ColumnKind.DATE, missing, List.of(), 0).build();
    }
    if (present > 0 && dateTimes == present) {
      return column(ColumnKind.DATETIME, missing, List.of(), 0).build();
    }
    String text = firstText != null ? firstText : "-";
    throw InvalidInputException.inFile(
        csv,
        -1,
        name,
        (present == 0
                ? "the time column has no values"
                : "the time column holds text ("
                    + ValueShapes.describe(text)
                    + (firstTextAt != null ? ", first at " + firstTextAt : "")
                    + "), not numbers or ISO dates")
            + "; set "
            + LongitudinalInput.TIME_PARAMETER
            + " to the column with each visit's time (a number"
            + " such as days or hours since admission, or an ISO date)");
  }

  private Builder column(
      ColumnKind kind, long missingCount, List<String> categories, int decimals) {
    return new Builder(kind, missingCount, categories, decimals);
  }

  /**
   * Logs why a column was inferred as it was: a warning for a dropped column or stray values (data
   * a user must not lose silently; the first stray values' lines and shapes are given here, never
   * the values), information for an identifier or protected categories; nothing when there is
   * nothing to say.
   *
   * @param schema the column as this profile built it
   */
  void log(Path source, ColumnSchema schema) {
    if (schema.reason() == null) {
      return;
    }
    if (schema.dropped() || schema.unparsedValues() > 0) {
      LOG.warn(
          "{}: column '{}' {}: {}{}",
          source,
          schema.name(),
          schema.dropped()
              ? "is DROPPED (neither learned nor written)"
              : "is " + schema.kind().name().toLowerCase(Locale.ROOT),
          schema.reason(),
          schema.unparsedValues() > 0 && strayExamples != null
              ? ". They are at " + strayExamples
              : "");
    } else {
      LOG.info(
          "{}: column '{}' is {}: {}",
          source,
          schema.name(),
          schema.kind().name().toLowerCase(Locale.ROOT),
          schema.reason());
    }
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s(%d present, %d missing)", name, present, missing);
  }

  /** The parts of a column as the rules decide them. */
  private final class Builder {
    private final ColumnKind kind;
    private final long missingCount;
    private final List<String> categories;
    private final int decimals;
    private boolean dropped;
    private String shape;
    private int protectedValues;
    private long unparsed;
    private CodeColumn codes;
    private final List<String> reasons = new ArrayList<>();

    Builder(ColumnKind kind, long missingCount, List<String> categories, int decimals) {
      this.kind = kind;
      this.missingCount = missingCount;
      this.categories = categories;
      this.decimals = decimals;
    }

    Builder shape(String value) {
      shape = value;
      return this;
    }

    Builder reason(String value) {
      reasons.add(value);
      return this;
    }

    Builder dropped(String why) {
      dropped = true;
      return reason(why);
    }

    Builder unparsed(long strays, List<String> examples, String what) {
      unparsed = strays;
      if (strays > 0) {
        // Lines and shapes go to the warning only; no value goes anywhere.
        strayExamples = String.join(", ", examples) + (strays > examples.size() ? ", ..." : "");
        reason(
            strays
                + " of "
                + (present - placeholders)
                + " values are not "
                + what
                + " and are read as missing"
                + " (the warning at inference gives their lines). Correct them, or name them in "
                + SchemaInference.MISSING_VALUES_PROPERTY
                + " if they mean missing");
      }
      return this;
    }

    ColumnSchema build() {
      long rows = present + missing;
      double missingRate = rows == 0 ? 0 : Math.round(missingCount * 1e6 / rows) / 1e6;
      return new ColumnSchema(
          name,
          kind,
          missingCount > 0,
          missingRate,
          categories,
          decimals,
          dropped,
          false,
          shape,
          protectedValues,
          Math.toIntExact(Math.min(unparsed, Integer.MAX_VALUE)),
          reasons.isEmpty() ? null : String.join("; ", reasons),
          codes);
    }
  }

  /** How many rows hold a value, and by how many distinct holders, counted up to k. */
  static final class Holders {
    private final long[] ids;
    private int held;
    private long rows;

    Holders(int k) {
      this.ids = new long[k];
    }

    void add(long holder) {
      rows++;
      if (held < ids.length) {
        for (int i = 0; i < held; i++) {
          if (ids[i] == holder) {
            return;
          }
        }
        ids[held++] = holder;
      }
    }

    int held() {
      return held;
    }

    /** Adds another column's holders of the same code: rows add up, holders are counted once. */
    void addAll(Holders other) {
      long before = rows;
      for (int i = 0; i < other.held; i++) {
        add(other.ids[i]);
      }
      rows = before + other.rows;
    }

    long rows() {
      return rows;
    }

    /** The holders counted: all of them when fewer than k. */
    long[] ids() {
      return java.util.Arrays.copyOf(ids, held);
    }
  }
}

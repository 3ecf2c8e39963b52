package io.github.syntheticpatients.runtime.io.csv;

import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.schema.LongitudinalRoles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where longitudinal data comes from, shared by the timeline reader and schema inference so both
 * see the same files in the same order and report the same problems.
 *
 * <p>The input is either one long-format CSV (one row per visit) or a directory scanned recursively
 * for per-patient files in the PhysioNet sepsis challenge layout: {@code *.psv} (pipe-separated)
 * and {@code *.csv}, hidden files (name starting with {@code .}) skipped, taken in the order of
 * their paths relative to the directory (compared as text with {@code /} separators, so the order
 * is the same on every platform). Every file must have the same header. When the files lack the
 * patient id column, each file is one patient whose id is the file name without its extension.
 */
public final class LongitudinalInput {
  /** The build parameter naming the patient id column. */
  public static final String ENTITY_ID_PARAMETER = LongitudinalRoles.Names.PROPERTIES.entityId();

  /** The build parameter naming the time column. */
  public static final String TIME_PARAMETER = LongitudinalRoles.Names.PROPERTIES.time();

  private LongitudinalInput() {}

  /**
   * The files to read: the input itself when it is a file, else the {@code .csv} and {@code .psv}
   * files under the directory, sorted.
   *
   * @throws InvalidInputException if the input does not exist or the directory holds no such file
   */
  public static List<Path> files(Path input) {
    if (!Files.isDirectory(input)) {
      if (!Files.exists(input)) {
        throw InvalidInputException.inFile(
            input, -1, null, "the file or directory does not exist; check the path");
      }
      return List.of(input);
    }
    List<Path> files;
    try (Stream<Path> walk = Files.walk(input)) {
      files =
          walk.filter(Files::isRegularFile)
              .filter(LongitudinalInput::isDataFile)
              .sorted(Comparator.comparing((Path file) -> relativeText(input, file)))
              .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not list " + input + ": " + e.getMessage(), e);
    }
    if (files.isEmpty()) {
      throw InvalidInputException.inFile(
          input,
          -1,
          null,
          "the directory holds no .csv or .psv files (searched recursively); put one file per patient there"
              + " (PhysioNet-style .psv) or point the input at a long-format CSV with one row per visit");
    }
    return files;
  }

  /**
   * The options to read one file with: a {@code .psv} file is pipe-separated unless the options fix
   * another delimiter.
   */
  public static CsvOptions optionsFor(Path file, CsvOptions options) {
    CsvOptions base = options == null ? CsvOptions.defaults() : options;
    if (base.delimiter() == null && extension(file).equals("psv")) {
      return base.withDelimiter('|');
    }
    return base;
  }

  /**
   * The patient id of each file when the files have no id column: the file name without its
   * extension.
   *
   * @throws InvalidInputException if two files give the same id
   */
  public static List<String> fileIds(List<Path> files, String entityId) {
    Map<String, Path> seen = new HashMap<>();
    List<String> ids = new ArrayList<>(files.size());
    for (Path file : files) {
      String name = file.getFileName().toString();
      int dot = name.lastIndexOf('.');
      String id = dot > 0 ? name.substring(0, dot) : name;
      Path earlier = seen.putIfAbsent(id, file);
      if (earlier != null) {
        throw InvalidInputException.inFile(
            file,
            -1,
            null,
            "the files have no patient id column '"
                + entityId
                + "', so each file is one patient named by its file"
                + " name, but "
                + earlier
                + " gives the same id '"
                + id
                + "'; rename one of the files, or add a '"
                + entityId
                + "' column to every file");
      }
      ids.add(id);
    }
    return ids;
  }

  /**
   * Checks that a file has the header of the first file.
   *
   * @throws InvalidInputException naming the file and both headers
   */
  public static void requireSameHeader(
      Path first, List<String> firstHeader, Path file, List<String> header) {
    if (!header.equals(firstHeader)) {
      throw InvalidInputException.inFile(
          file,
          1,
          null,
          "the header "
              + header
              + " differs from "
              + firstHeader
              + " in "
              + first
              + "; every file of a"
              + " longitudinal directory must have the same columns in the same order: fix the header, or move the"
              + " file out of the directory");
    }
  }

  /**
   * Checks that the header has a role column (patient id or time).
   *
   * @param role what the column is, e.g. "patient id" or "time"
   * @param parameter the build parameter that names it ({@link #ENTITY_ID_PARAMETER} or {@link
   *     #TIME_PARAMETER})
   * @throws InvalidInputException listing the header and naming the parameter
   */
  public static void requireColumn(
      Path file, List<String> header, String column, String role, String parameter) {
    if (!header.contains(column)) {
      throw InvalidInputException.inFile(
          file,
          1,
          null,
          "the "
              + role
              + " column '"
              + column
              + "' is not in the header "
              + header
              + "; set "
              + parameter
              + " (or \""
              + parameter.substring(parameter.indexOf('.') + 1)
              + "\" in the schema file) to one of"
              + " these columns");
    }
  }

  /** The error for a visit row without patient id. */
  public static InvalidInputException missingId(Path file, long line, String column, String raw) {
    return InvalidInputException.inFile(
        file,
        line,
        column,
        "the patient id is missing ('"
            + raw
            + "'); every visit row needs the id of its patient: fill it in or"
            + " remove the row");
  }

  private static boolean isDataFile(Path file) {
    String name = file.getFileName().toString();
    String extension = extension(file);
    return !name.startsWith(".") && (extension.equals("csv") || extension.equals("psv"));
  }

  private static String extension(Path file) {
    String name = file.getFileName().toString();
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
  }

  private static String relativeText(Path directory, Path file) {
    StringBuilder text = new StringBuilder();
    for (Path part : directory.relativize(file)) {
      if (text.length() > 0) {
        text.append('/');
      }
      text.append(part);
    }
    return text.toString();
  }
}

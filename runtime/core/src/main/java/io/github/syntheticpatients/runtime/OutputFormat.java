package io.github.syntheticpatients.runtime;

import java.util.Locale;

/** File formats for generated records. */
public enum OutputFormat {
  /** Comma-separated with a header row; missing values are empty fields. */
  CSV("csv"),
  /** One JSON object per line; missing values are null. */
  JSONL("jsonl");

  private final String extension;

  OutputFormat(String extension) {
    this.extension = extension;
  }

  /** The file extension without dot. */
  public String extension() {
    return extension;
  }

  /** Parses {@code csv} or {@code jsonl}, case-insensitively. */
  public static OutputFormat parse(String text) {
    for (OutputFormat format : values()) {
      if (format.extension.equals(text.trim().toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw InvalidInputException.inParameter(
        "format", "Unknown format '" + text + "'; use csv or jsonl");
  }
}

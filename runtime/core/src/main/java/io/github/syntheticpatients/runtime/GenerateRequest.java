package io.github.syntheticpatients.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Sample a model to a file.
 *
 * @param model a zoo id, a classpath resource ({@code classpath:path}) or a model file path
 * @param rows number of records
 * @param seed the seed
 * @param seedSource where the seed came from, recorded in the provenance (e.g. {@code
 *     "synthetic.seed"})
 * @param output the file to write; replaced atomically
 * @param format csv or jsonl
 * @param conditions condition expressions, see {@link
 *     io.github.syntheticpatients.runtime.model.Conditions}
 * @param threads how many threads sample blocks of records at once, 1 or more; the file is the same
 *     for any number
 * @param balance a class distribution for one categorical or binary column, such as {@code death}
 *     or {@code death:1=0.5}; empty for none (see {@link
 *     io.github.syntheticpatients.runtime.model.ClassBalance})
 */
public record GenerateRequest(
    String model,
    int rows,
    long seed,
    String seedSource,
    Path output,
    OutputFormat format,
    List<String> conditions,
    int threads,
    String balance) {
  public GenerateRequest {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(output, "output");
    format = Objects.requireNonNullElse(format, OutputFormat.CSV);
    conditions = List.copyOf(Objects.requireNonNullElse(conditions, List.of()));
    seedSource = Objects.requireNonNullElse(seedSource, "explicit");
    if (threads < 1) {
      throw InvalidInputException.inParameter(
          "threads",
          "threads must be 1 or more, was "
              + threads
              + "; leave it unset for one per processor ("
              + defaultThreads()
              + " here)");
    }
    balance = Objects.requireNonNullElse(balance, "").strip();
  }

  /** A request without class balancing. */
  public GenerateRequest(
      String model,
      int rows,
      long seed,
      String seedSource,
      Path output,
      OutputFormat format,
      List<String> conditions,
      int threads) {
    this(model, rows, seed, seedSource, output, format, conditions, threads, "");
  }

  /** A request sampled on {@link #defaultThreads()} threads. */
  public GenerateRequest(
      String model,
      int rows,
      long seed,
      String seedSource,
      Path output,
      OutputFormat format,
      List<String> conditions,
      String balance) {
    this(model, rows, seed, seedSource, output, format, conditions, defaultThreads(), balance);
  }

  /** A request without class balancing, sampled on {@link #defaultThreads()} threads. */
  public GenerateRequest(
      String model,
      int rows,
      long seed,
      String seedSource,
      Path output,
      OutputFormat format,
      List<String> conditions) {
    this(model, rows, seed, seedSource, output, format, conditions, defaultThreads(), "");
  }

  /** One thread per available processor. */
  public static int defaultThreads() {
    return Runtime.getRuntime().availableProcessors();
  }
}

package io.github.syntheticpatients.runtime.sampling;

import io.github.syntheticpatients.runtime.ColumnView;
import io.github.syntheticpatients.runtime.GenerateRequest;
import io.github.syntheticpatients.runtime.GenerateResult;
import io.github.syntheticpatients.runtime.ModelInfo;
import io.github.syntheticpatients.runtime.OutputFormat;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.Versions;
import io.github.syntheticpatients.runtime.io.AtomicFiles;
import io.github.syntheticpatients.runtime.io.csv.CsvRecordWriter;
import io.github.syntheticpatients.runtime.io.json.JsonFiles;
import io.github.syntheticpatients.runtime.io.json.JsonlRecordWriter;
import io.github.syntheticpatients.runtime.io.json.TimelineJsonlWriter;
import io.github.syntheticpatients.runtime.model.BlockModel;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** Samples a model to a CSV or JSON-lines file with a provenance file beside it. */
public final class Generation {
  /** Suffix of the provenance file written next to each output. */
  public static final String PROVENANCE_SUFFIX = ".provenance.json";

  private Generation() {}

  /**
   * Writes {@code request.rows()} records; for a longitudinal model, that many patients: CSV in
   * long format (one line per visit), JSON lines one patient per line with a {@code visits} array.
   * The same model, seed, rows, conditions and balance give byte-identical files, whatever {@code
   * request.threads()}. Streams: blocks of records ({@link Blocks}) are sampled and formatted on
   * {@code request.threads()} threads and written in order, so any count runs in a small heap.
   * Writes to a temporary file and moves it into place, so a failure never leaves partial output.
   */
  public static GenerateResult generate(GenerateRequest request) {
    return generate(request, line -> {});
  }

  /**
   * {@link #generate(GenerateRequest)}, reporting progress of a long run (more than a few seconds)
   * to {@code progress}: a line at each tenth or every few seconds, never one per block; first, for
   * a model trained with differential privacy, its guarantee ({@link ModelInfo#privacyGuarantee}).
   */
  public static GenerateResult generate(GenerateRequest request, Consumer<String> progress) {
    SyntheticModel model = ModelLoader.load(request.model());
    model.info().privacyGuarantee().ifPresent(progress);
    BlockModel blocks = Blocks.blockModel(model);
    boolean longitudinal = model.schema().isLongitudinal();
    // Bad rows, conditions or balance fail here, before a file is opened.
    blocks.sample(sampleRequest(request, 0), 0);
    sampleRequest(request, request.rows());
    List<String> columns = model.schema().outputColumns().stream().map(ColumnView::name).toList();
    Path output = request.output().toAbsolutePath();
    Path provenanceFile = output.resolveSibling(output.getFileName() + PROVENANCE_SUFFIX);
    int size = blocks.blockSize();
    int parts = (int) ((request.rows() + (long) size - 1) / size);
    Written written = new Written();
    Progress report =
        new Progress(
            request.rows(), longitudinal ? "patients" : "records", progress, System::nanoTime);
    AtomicFiles.write(
        output,
        out -> {
          if (request.format() == OutputFormat.CSV) {
            out.write(CsvRecordWriter.header(columns));
          }
          OrderedParts.run(
              parts,
              request.threads(),
              block -> {
                long first = (long) block * size;
                int rows = (int) Math.min(size, request.rows() - first);
                SampleResult sample = blocks.sample(sampleRequest(request, rows), first);
                return Part.of(format(request.format(), longitudinal, columns, sample), sample);
              },
              part -> {
                out.write(part.bytes());
                written.add(part);
                report.done(written.records);
              });
        });
    JsonFiles.write(provenanceFile, provenance(request, model, written));
    return new GenerateResult(
        output,
        provenanceFile,
        written.rows,
        request.seed(),
        model.id(),
        model.sha256(),
        written.acceptanceRate(),
        longitudinal ? written.records : 0);
  }

  /** The request's seed, conditions and balance, for {@code rows} records. */
  private static SampleRequest sampleRequest(GenerateRequest request, int rows) {
    return new SampleRequest(rows, request.seed(), request.conditions(), null, request.balance());
  }

  /**
   * One block's lines and counts; not its sample, whose built records would hold many times the
   * lines' memory while the part waits to be written.
   *
   * @param bytes the formatted lines
   * @param rows lines of CSV (visits of a longitudinal model)
   * @param records records (patients of a longitudinal model)
   * @param generated candidates sampled for them
   */
  private record Part(byte[] bytes, long rows, long records, long generated) {
    static Part of(byte[] bytes, SampleResult sample) {
      long records =
          sample.timelines().isEmpty() ? sample.records().size() : sample.timelines().size();
      // A block's rate is its records over its candidates (whole batches), so this gives the
      // candidates back exactly.
      long generated = records == 0 ? 0 : Math.round(records / sample.acceptanceRate());
      return new Part(bytes, sample.records().size(), records, generated);
    }
  }

  private static byte[] format(
      OutputFormat format, boolean longitudinal, List<String> columns, SampleResult sample) {
    return switch (format) {
      case CSV -> CsvRecordWriter.lines(columns, sample.records());
      // One patient per line, with the visits nested: a long-format line per visit would split
      // patients.
      case JSONL ->
          longitudinal
              ? TimelineJsonlWriter.lines(sample.timelines())
              : JsonlRecordWriter.lines(columns, sample.records());
    };
  }

  /** What has been written so far, counted on the writing thread in block order. */
  private static final class Written {
    long rows;
    long records;
    long generated;

    void add(Part part) {
      rows += part.rows();
      records += part.records();
      generated += part.generated();
    }

    double acceptanceRate() {
      return generated == 0 ? 1.0 : Math.min(1.0, (double) records / generated);
    }
  }

  private static Map<String, Object> provenance(
      GenerateRequest request, SyntheticModel model, Written written) {
    Map<String, Object> modelBlock = new LinkedHashMap<>();
    modelBlock.put("id", model.id());
    modelBlock.put("reference", request.model());
    modelBlock.put("sha256", model.sha256());
    modelBlock.put("generator", model.info().generator());
    modelBlock.put("trainingDataSha256", model.info().provenance().get("inputSha256"));
    // A model trained with DP carries its guarantee (ε, δ, σ, q, steps, clip norm) to every output.
    Object dp = model.info().provenance().get(ModelInfo.DIFFERENTIAL_PRIVACY);
    if (dp != null) {
      modelBlock.put(ModelInfo.DIFFERENTIAL_PRIVACY, dp);
    }
    Map<String, Object> provenance = new LinkedHashMap<>();
    provenance.put("model", modelBlock);
    provenance.put("rows", written.rows);
    if (model.schema().isLongitudinal()) {
      provenance.put("patients", written.records);
    }
    provenance.put("seed", request.seed());
    provenance.put("seedSource", request.seedSource());
    provenance.put("conditions", request.conditions());
    if (!request.balance().isEmpty()) {
      provenance.put("balance", request.balance());
    }
    provenance.put("acceptanceRate", written.acceptanceRate());
    provenance.put("format", request.format().extension());
    provenance.put("output", request.output().getFileName().toString());
    provenance.put("versions", Versions.describe());
    return provenance;
  }
}

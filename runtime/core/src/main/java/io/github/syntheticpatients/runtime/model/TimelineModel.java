package io.github.syntheticpatients.runtime.model;

import io.github.syntheticpatients.runtime.ColumnKind;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.ModelInfo;
import io.github.syntheticpatients.runtime.PatientRecord;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.copula.GaussianCopula;
import io.github.syntheticpatients.runtime.data.Table;
import io.github.syntheticpatients.runtime.data.TimelineRecords;
import io.github.syntheticpatients.runtime.data.Timelines;
import io.github.syntheticpatients.runtime.data.ValueFormat;
import io.github.syntheticpatients.runtime.encode.EncodedLayout;
import io.github.syntheticpatients.runtime.encode.TimelineEncoder;
import io.github.syntheticpatients.runtime.random.RandomStream;
import io.github.syntheticpatients.runtime.schema.ColumnSchema;
import io.github.syntheticpatients.runtime.schema.IdentifierShape;
import io.github.syntheticpatients.runtime.schema.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A loaded longitudinal model. Patients are generated in two stages, as the model was trained:
 * first each patient's static attributes, number of visits and first visit time (a Gaussian copula;
 * conditions on static attributes are met here, by rejection within the time budget), then the
 * visits, by the sequence generator conditioned on that patient row. Plain Java, thread-safe; the
 * output does not depend on the thread count, because each chunk of patients has its own random
 * stream split off in order before any work starts.
 */
public final class TimelineModel implements SyntheticModel {
  private static final int CHUNK_PATIENTS = 64;

  private final String id;
  private final String sha256;
  private final TableSchema schema;
  private final ModelInfo info;
  private final TimelineEncoder encoder;
  private final TabularModel patientModel;
  private final TimelineGenerator generator;

  TimelineModel(
      String id,
      String sha256,
      ModelInfo info,
      TimelineEncoder encoder,
      GaussianCopula patientCopula,
      TimelineGenerator generator) {
    this.id = id;
    this.sha256 = sha256;
    this.schema = encoder.schema();
    this.info = info;
    this.encoder = encoder;
    this.patientModel =
        new TabularModel(
            id, sha256, encoder.patientSchema(), info, new CopulaRowSampler(patientCopula));
    this.generator = generator;
    EncodedLayout layout = encoder.stepLayout();
    if (generator.stepWidth() != layout.width()
        || generator.staticWidth() != encoder.staticWidth()) {
      throw new IllegalArgumentException(
          "The sequence generator has step width "
              + generator.stepWidth()
              + " and condition width "
              + generator.staticWidth()
              + " but the encoding has "
              + layout.width()
              + " and "
              + encoder.staticWidth());
    }
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  public String sha256() {
    return sha256;
  }

  @Override
  public TableSchema schema() {
    return schema;
  }

  @Override
  public ModelInfo info() {
    return info;
  }

  /** The longest timeline this model generates. */
  public int maxVisits() {
    return encoder.maxVisits();
  }

  /**
   * Samples {@code request.rows()} patients with their visits. Conditions may fix static attributes
   * only (e.g. {@code sex=f}, {@code age>=60}).
   */
  @Override
  public SampleResult sample(SampleRequest request) {
    Sampled sampled = sampleData(request);
    Timelines timelines = sampled.timelines();
    return new SampleResult(
        timelines.visits(),
        visitRecords(timelines, request.seed()),
        sampled.acceptanceRate(),
        new LazyList<>(
            timelines.patientCount(), p -> TimelineRecords.patient(timelines, p, timelines.id(p))));
  }

  /**
   * Samples patients as {@link Timelines} (the columnar form evaluation works on); the same request
   * gives the same patients as {@link #sample}.
   */
  public Timelines sampleTimelines(SampleRequest request) {
    return sampleData(request).timelines();
  }

  private record Sampled(Timelines timelines, double acceptanceRate) {}

  private Sampled sampleData(SampleRequest request) {
    requireStaticConditions(request.conditions());
    RandomStream random = RandomStream.of(request.seed());
    SampleResult patientSample =
        patientModel.sample(
            new SampleRequest(
                request.rows(), random.nextLong(), request.conditions(), request.timeBudget()));
    Table patients = Table.of(patientSample.table());
    int[] lengths = lengths(patients);
    float[] activated = sampleSteps(patients, lengths, random);
    return new Sampled(
        encoder.decode(patients, lengths, activated), patientSample.acceptanceRate());
  }

  private void requireStaticConditions(List<String> expressions) {
    Conditions conditions = Conditions.parse(expressions, schema);
    List<String> staticNames = schema.staticColumns().stream().map(ColumnSchema::name).toList();
    List<String> named = new ArrayList<>(conditions.categories().keySet());
    named.addAll(conditions.ranges().keySet());
    for (String column : named) {
      if (!staticNames.contains(column)) {
        throw InvalidInputException.inParameter(
            "conditions",
            "'"
                + column
                + "' changes from visit to visit; conditions on a longitudinal model fix static attributes"
                + " only: "
                + (staticNames.isEmpty() ? "this model has none" : String.join(", ", staticNames)));
      }
    }
  }

  private int[] lengths(Table patients) {
    double[] visits = patients.column(encoder.visitsColumn());
    int[] lengths = new int[visits.length];
    for (int p = 0; p < lengths.length; p++) {
      long rounded = Double.isNaN(visits[p]) ? 1 : Math.round(visits[p]);
      lengths[p] = (int) Math.max(1, Math.min(encoder.maxVisits(), rounded));
    }
    return lengths;
  }

  private float[] sampleSteps(Table patients, int[] lengths, RandomStream random) {
    int width = encoder.stepLayout().width();
    int staticWidth = encoder.staticWidth();
    float[] statics = encoder.encodeStatics(patients);
    int[] firstStep = new int[lengths.length + 1];
    for (int p = 0; p < lengths.length; p++) {
      firstStep[p + 1] = firstStep[p] + lengths[p];
    }
    float[] activated = new float[Math.multiplyExact(firstStep[lengths.length], width)];
    int chunks = (lengths.length + CHUNK_PATIENTS - 1) / CHUNK_PATIENTS;
    RandomStream[] streams = new RandomStream[chunks];
    for (int c = 0; c < chunks; c++) {
      streams[c] = random.split();
    }
    EncodedLayout layout = encoder.stepLayout();
    int latent = generator.latentDim();
    IntStream.range(0, chunks)
        .parallel()
        .forEach(
            c -> {
              RandomStream stream = streams[c];
              int end = Math.min(lengths.length, (c + 1) * CHUNK_PATIENTS);
              for (int p = c * CHUNK_PATIENTS; p < end; p++) {
                int length = lengths[p];
                float[] noise = new float[length * latent];
                for (int i = 0; i < noise.length; i++) {
                  noise[i] = (float) stream.nextGaussian();
                }
                float[] condition =
                    Arrays.copyOfRange(statics, p * staticWidth, (p + 1) * staticWidth);
                float[] raw = generator.forwardRaw(noise, condition, length);
                for (int t = 0; t < length; t++) {
                  OutputSampling.activateRow(
                      raw, t * width, layout, activated, (firstStep[p] + t) * width, stream);
                }
              }
            });
    return activated;
  }

  /**
   * The visit rows in long format: the patient's id in the id column, static values repeated on
   * each visit, and any other identifier generated per patient by its shape (the same on each of
   * the patient's visits).
   */
  private List<PatientRecord> visitRecords(Timelines timelines, long seed) {
    int[] patientOfRow = new int[timelines.visits().rowCount()];
    for (int p = 0; p < timelines.patientCount(); p++) {
      int first = timelines.firstRow(p);
      Arrays.fill(patientOfRow, first, first + timelines.visitCount(p), p);
    }
    List<ColumnSchema> columns = schema.columns();
    return new LazyList<>(
        patientOfRow.length,
        row -> {
          Map<String, Object> values = new LinkedHashMap<>();
          for (int c = 0; c < columns.size(); c++) {
            ColumnSchema column = columns.get(c);
            if (column.dropped()) {
              continue;
            }
            int patient = patientOfRow[row];
            if (column.name().equals(schema.entityId())) {
              values.put(column.name(), timelines.id(patient));
            } else if (column.kind() == ColumnKind.IDENTIFIER) {
              values.put(
                  column.name(),
                  IdentifierShape.generate(
                      column.identifierShape(),
                      patient,
                      IdentifierShape.randomFor(seed, c, patient)));
            } else {
              values.put(
                  column.name(), ValueFormat.toValue(column, timelines.visits().value(row, c)));
            }
          }
          return new PatientRecord(values);
        });
  }
}

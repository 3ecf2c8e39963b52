package io.github.syntheticpatients.junit;

import io.github.syntheticpatients.junit.internal.Failures;
import io.github.syntheticpatients.junit.internal.InjectionTarget;
import io.github.syntheticpatients.junit.internal.ModelCache;
import io.github.syntheticpatients.junit.internal.RecordMapper;
import io.github.syntheticpatients.junit.internal.ResolvedSeed;
import io.github.syntheticpatients.junit.internal.SeedResolver;
import io.github.syntheticpatients.junit.internal.TemporaryCsvDirectory;
import io.github.syntheticpatients.junit.internal.ZooSetting;
import io.github.syntheticpatients.runtime.GenerateRequest;
import io.github.syntheticpatients.runtime.InvalidInputException;
import io.github.syntheticpatients.runtime.ModelFormatException;
import io.github.syntheticpatients.runtime.OutputFormat;
import io.github.syntheticpatients.runtime.PatientTimeline;
import io.github.syntheticpatients.runtime.SampleLimits;
import io.github.syntheticpatients.runtime.SampleRequest;
import io.github.syntheticpatients.runtime.SampleResult;
import io.github.syntheticpatients.runtime.SyntheticModel;
import io.github.syntheticpatients.runtime.SyntheticPatientsException;
import io.github.syntheticpatients.runtime.UnknownModelException;
import io.github.syntheticpatients.runtime.sampling.Blocks;
import io.github.syntheticpatients.runtime.sampling.Generation;
import io.github.syntheticpatients.runtime.sampling.LocalZoo;
import io.github.syntheticpatients.runtime.sampling.ModelLoader;
import java.lang.reflect.Executable;
import java.lang.reflect.Parameter;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterTestExecutionCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Resolves {@link SyntheticPatients} parameters and, when a test fails, reports the seed it used.
 * Registered by the annotation itself; there is no need for {@code @ExtendWith}.
 *
 * <p>Models are loaded once per JVM and kept in JUnit's root store; sampling is plain Java and
 * thread-safe, so tests may run in parallel, and a test with a fixed seed gets the same records in
 * parallel as in serial runs.
 *
 * <p>When a test that received patients fails, the extension publishes a report entry and logs:
 *
 * <pre>{@code
 * Test method 'flagsOlderPatients' failed with seed: 42 (seed source: random). Reproduce with @Seed(42)
 * }</pre>
 *
 * @see Seed
 * @since 0.1.0
 */
public final class SyntheticPatientsExtension
    implements ParameterResolver, AfterTestExecutionCallback {

  /** The report entry key of the failure message. */
  public static final String REPORT_KEY = "SyntheticPatients";

  private static final Namespace NAMESPACE = Namespace.create(SyntheticPatientsExtension.class);
  private static final String MODELS_KEY = "models";
  private static final String ZOO_KEY = "zoo";
  private static final String SEED_KEY = "seed";
  private static final String INJECTED_KEY = "injected";
  private static final String CSV_DIRECTORY_KEY = "csvDirectory";

  /** How many values a Stream parameter samples at a time. */
  static final int STREAM_CHUNK = 10_000;

  // System.Logger reaches the console through java.util.logging without any binding, and routes to
  // SLF4J or
  // Log4j where the test classpath installs their System.LoggerFinder.
  private static final System.Logger LOG =
      System.getLogger(SyntheticPatientsExtension.class.getName());

  /** Created by JUnit. */
  public SyntheticPatientsExtension() {}

  @Override
  public boolean supportsParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    return parameterContext.isAnnotated(SyntheticPatients.class);
  }

  @Override
  public Object resolveParameter(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    Object value = inject(parameterContext, extensionContext);
    // Only a test that received patients has a seed worth reporting when it fails.
    extensionContext.getStore(NAMESPACE).put(INJECTED_KEY, Boolean.TRUE);
    return value;
  }

  private static Object inject(
      ParameterContext parameterContext, ExtensionContext extensionContext) {
    SyntheticPatients annotation =
        parameterContext.findAnnotation(SyntheticPatients.class).orElseThrow();
    InjectionTarget target = target(parameterContext);
    requireValidCount(annotation, parameterContext);
    ResolvedSeed seed =
        extensionContext
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                SEED_KEY, key -> SeedResolver.resolve(extensionContext), ResolvedSeed.class);
    long parameterSeed = seed.forParameter(ordinal(parameterContext));
    List<String> conditions = List.of(annotation.conditions());
    try {
      if (target.shape() == InjectionTarget.Shape.CSV_FILE) {
        // Generation streams any count; a test's file keeps the in-memory limit all the same.
        SyntheticModel model = models(extensionContext).get(annotation.model());
        publishGuarantee(model, extensionContext);
        boolean longitudinal = model.schema().isLongitudinal();
        requireWithinLimit(annotation, longitudinal, parameterContext);
        return writeCsv(
            annotation, parameterContext, extensionContext, seed, parameterSeed, conditions);
      }
      SyntheticModel model = models(extensionContext).get(annotation.model());
      requireFits(model, target, parameterContext);
      publishGuarantee(model, extensionContext);
      boolean longitudinal = model.schema().isLongitudinal();
      boolean patients =
          target.wantsTimelines()
              || (longitudinal
                  && target.mapsToUserType()
                  && RecordMapper.isPatientType(target.elementType()));
      // For a longitudinal model rows counts patients; PatientRecords are then their visit rows.
      // Every shape reads the same sequence for the seed: a Stream's records are the List's, and
      // those of a generated file, however far it is read.
      Sampler sampler =
          (rows, first) ->
              values(
                  Blocks.sample(
                      model,
                      new SampleRequest(
                          rows, parameterSeed, conditions, null, annotation.balance()),
                      first),
                  patients,
                  target,
                  parameterContext);
      return deliver(target, sampler, model, annotation, parameterSeed, parameterContext);
    } catch (SyntheticPatientsException e) {
      throw failure(e, annotation, parameterContext);
    }
  }

  /**
   * A DP-trained model's guarantee goes into the test report beside the data it gave (a CSV's
   * provenance file carries it as well).
   */
  private static void publishGuarantee(SyntheticModel model, ExtensionContext context) {
    model.info().privacyGuarantee().ifPresent(line -> context.publishReportEntry(REPORT_KEY, line));
  }

  /** What the parameter's type asks for, or a failure listing the supported types. */
  private static InjectionTarget target(ParameterContext parameterContext) {
    Parameter parameter = parameterContext.getParameter();
    return InjectionTarget.of(parameter.getParameterizedType())
        .orElseThrow(
            () ->
                new ParameterResolutionException(
                    Failures.message(
                        headline(parameterContext),
                        List.of(
                            "unsupported parameter type: "
                                + parameter.getParameterizedType().getTypeName()),
                        "@SyntheticPatients can be injected into:"
                            + Failures.numbered(InjectionTarget.SUPPORTED))));
  }

  private static void requireValidCount(
      SyntheticPatients annotation, ParameterContext parameterContext) {
    if (annotation.count() < 0) {
      throw new ParameterResolutionException(
          Failures.message(
              headline(parameterContext),
              List.of("count is " + annotation.count()),
              "Set @SyntheticPatients(count = …) to 0 or more."));
    }
  }

  /** Timelines need a longitudinal model; a user type needs the model's columns. */
  private static void requireFits(
      SyntheticModel model, InjectionTarget target, ParameterContext parameterContext) {
    boolean longitudinal = model.schema().isLongitudinal();
    if (target.wantsTimelines() && !longitudinal) {
      throw new ParameterResolutionException(
          Failures.message(
              headline(parameterContext),
              List.of(
                  "model '"
                      + model.id()
                      + "' is tabular: it has no patient id and time columns, so it has no"
                      + " timelines"),
              "Inject List<PatientRecord> (or your own type) from this model, or set @SyntheticPatients(model"
                  + " = …) to a longitudinal model, trained with -Dsynthetic.entityId=<patient id column>"
                  + " -Dsynthetic.time=<time column>."));
    }
    if (target.mapsToUserType()) {
      List<String> problems = RecordMapper.problems(target.elementType(), model.schema());
      if (!problems.isEmpty()) {
        throw new ParameterResolutionException(
            Failures.message(headline(parameterContext), problems, columnsHint(model)));
      }
    }
  }

  /** One value, a stream, or a list of {@code count} values, as the parameter's shape asks. */
  private static Object deliver(
      InjectionTarget target,
      Sampler sampler,
      SyntheticModel model,
      SyntheticPatients annotation,
      long parameterSeed,
      ParameterContext parameterContext) {
    boolean longitudinal = model.schema().isLongitudinal();
    switch (target.shape()) {
      case SINGLE:
        List<?> one = sampler.sample(1, 0);
        if (one.isEmpty()) {
          throw new ParameterResolutionException(
              Failures.message(
                  headline(parameterContext),
                  List.of("model '" + model.id() + "' sampled a patient with no visits"),
                  "Inject the PatientTimeline, or a List<PatientRecord> of its visit rows."));
        }
        return one.get(0);
      case STREAM:
        return stream(sampler, annotation.count());
      default:
        requireWithinLimit(annotation, longitudinal, parameterContext);
        return sampler.sample(annotation.count(), 0);
    }
  }

  /** The runtime's failure, said in the annotation's terms with the fix. */
  private static ParameterResolutionException failure(
      SyntheticPatientsException failure,
      SyntheticPatients annotation,
      ParameterContext parameterContext) {
    if (failure instanceof UnknownModelException e) {
      return new ParameterResolutionException(
          Failures.message(
              headline(parameterContext),
              List.of("unknown model '" + e.reference() + "'"),
              "Known model ids: "
                  + (e.knownIds().isEmpty()
                      ? "(none: add io.github.syntheticpatients:synthetic-patients-model-zoo)"
                      : String.join(", ", e.knownIds()))
                  + "\nSet model to one of them, to classpath:<resource> or to a model file path (relative paths"
                  + " start at "
                  + Paths.get("").toAbsolutePath()
                  + ")."),
          e);
    }
    if (failure instanceof ModelFormatException e) {
      return new ParameterResolutionException(
          Failures.message(
              headline(parameterContext),
              List.of("model '" + annotation.model() + "' cannot be read: " + e.getMessage()),
              "Point model at a file written by synthetic:train, or retrain it."),
          e);
    }
    if (failure instanceof InvalidInputException e && LocalZoo.PARAMETER.equals(e.parameter())) {
      return new ParameterResolutionException(
          Failures.message(
              headline(parameterContext),
              List.of(e.getMessage()),
              "Fix the "
                  + LocalZoo.SETTING
                  + " system property or junit-platform.properties key (relative paths start at "
                  + Paths.get("").toAbsolutePath()
                  + ")."),
          e);
    }
    if (failure instanceof InvalidInputException e) {
      // Generation names the record count "rows"; the annotation calls it count.
      String attribute = "rows".equals(e.parameter()) ? "count" : e.parameter();
      return new ParameterResolutionException(
          Failures.message(
              headline(parameterContext),
              List.of((attribute == null ? "" : attribute + ": ") + e.getMessage()),
              "Fix @SyntheticPatients("
                  + (attribute == null ? "conditions" : attribute)
                  + " = …)."),
          e);
    }
    return new ParameterResolutionException(
        Failures.message(
            headline(parameterContext), List.of(failure.getMessage()), "See the cause below."),
        failure);
  }

  @Override
  public void afterTestExecution(ExtensionContext context) {
    if (context.getExecutionException().isEmpty()) {
      return;
    }
    ResolvedSeed seed = context.getStore(NAMESPACE).get(SEED_KEY, ResolvedSeed.class);
    if (seed == null || context.getStore(NAMESPACE).get(INJECTED_KEY) == null) {
      return; // nothing was injected into this test
    }
    String message =
        String.format(
            "Test method '%s' failed with seed: %d (seed source: %s). Reproduce with %s",
            context.getTestMethod().map(m -> m.getName()).orElse(context.getDisplayName()),
            seed.value(),
            seed.source(),
            seed.reproducingAnnotation());
    context.publishReportEntry(REPORT_KEY, message);
    LOG.log(System.Logger.Level.WARNING, message);
  }

  private static Path writeCsv(
      SyntheticPatients annotation,
      ParameterContext parameterContext,
      ExtensionContext extensionContext,
      ResolvedSeed seed,
      long parameterSeed,
      List<String> conditions) {
    Path directory =
        extensionContext
            .getStore(NAMESPACE)
            .getOrComputeIfAbsent(
                CSV_DIRECTORY_KEY,
                key -> TemporaryCsvDirectory.create(),
                TemporaryCsvDirectory.class)
            .path();
    Path output = directory.resolve("patients-" + parameterContext.getIndex() + ".csv");
    return Generation.generate(
            new GenerateRequest(
                zoo(extensionContext).resolve(annotation.model()),
                annotation.count(),
                parameterSeed,
                seed.source(),
                output,
                OutputFormat.CSV,
                conditions,
                annotation.balance()))
        .output();
  }

  /**
   * Samples records (patients) {@code [first, first + rows)} of the parameter's sequence, as the
   * values the parameter wants.
   */
  @FunctionalInterface
  private interface Sampler {
    List<?> sample(int rows, long first);
  }

  private static List<?> values(
      SampleResult sample,
      boolean patients,
      InjectionTarget target,
      ParameterContext parameterContext) {
    if (patients) {
      return target.wantsTimelines()
          ? sample.timelines()
          : mapAll(sample.timelines(), RecordMapper::map, target.elementType(), parameterContext);
    }
    return target.mapsToUserType()
        ? mapAll(sample.records(), RecordMapper::map, target.elementType(), parameterContext)
        : sample.records();
  }

  /**
   * A stream of {@code count} values, sampled {@value #STREAM_CHUNK} at a time as the test consumes
   * it, so any count works and the first record comes at once. Its values are those of a List of
   * the same count and seed: chunk c is records {@code [c·chunk, (c+1)·chunk)} of the sequence.
   */
  private static Stream<?> stream(Sampler sampler, int count) {
    // The first chunk is sampled now, so a bad condition or type fails while resolving, not inside
    // the test.
    List<?> first = sampler.sample(Math.min(count, STREAM_CHUNK), 0);
    if (count <= STREAM_CHUNK) {
      return first.stream();
    }
    int chunks = (count - 1) / STREAM_CHUNK + 1;
    Stream<?> rest =
        IntStream.range(1, chunks)
            .mapToObj(
                chunk ->
                    sampler.sample(
                        Math.min(STREAM_CHUNK, count - chunk * STREAM_CHUNK),
                        (long) chunk * STREAM_CHUNK))
            .flatMap(List::stream);
    return Stream.concat(first.stream(), rest);
  }

  /** Refuses a count that cannot be sampled at once, before any memory goes to it. */
  private static void requireWithinLimit(
      SyntheticPatients annotation, boolean longitudinal, ParameterContext parameterContext) {
    SampleLimits.problem(annotation.count(), longitudinal)
        .ifPresent(
            problem -> {
              throw new ParameterResolutionException(
                  Failures.message(
                      headline(parameterContext),
                      List.of("@SyntheticPatients(count = " + annotation.count() + "): " + problem),
                      "Set count to at most "
                          + SampleLimits.max(longitudinal)
                          + ", or inject a Stream, which is sampled "
                          + STREAM_CHUNK
                          + " at a time as the test reads it and takes any count."));
            });
  }

  private static <S> List<Object> mapAll(
      List<S> sources,
      BiFunction<S, Class<?>, ?> mapper,
      Class<?> type,
      ParameterContext parameterContext) {
    try {
      return sources.stream().map(source -> (Object) mapper.apply(source, type)).toList();
    } catch (IllegalArgumentException e) {
      throw new ParameterResolutionException(
          Failures.message(
              headline(parameterContext),
              List.of("a record does not fit " + type.getName() + ": " + e.getMessage()),
              "Give each component a type that holds its column's values (String for categories, Double for"
                  + " numbers, LocalDate for dates)."),
          e);
    }
  }

  /**
   * The columns a user type may name; for a longitudinal model, split into patient and visit
   * columns.
   */
  private static String columnsHint(SyntheticModel model) {
    String fix = "\nName each component after a column, or map it with @JsonProperty(\"column\").";
    if (!model.schema().isLongitudinal()) {
      return "Columns of model '"
          + model.id()
          + "': "
          + String.join(", ", RecordMapper.columnNames(model.schema()))
          + fix;
    }
    return "Model '"
        + model.id()
        + "' is longitudinal. Patient columns: "
        + String.join(", ", RecordMapper.attributeColumns(model.schema()))
        + "\nVisit columns (in the elements of a '"
        + PatientTimeline.VISITS_KEY
        + "' list, or one visit row per"
        + " record without one): "
        + String.join(", ", RecordMapper.visitColumns(model.schema()))
        + fix;
  }

  private static ModelCache models(ExtensionContext context) {
    LocalZoo zoo = zoo(context).zoo();
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            MODELS_KEY,
            key -> new ModelCache(reference -> ModelLoader.load(reference, zoo)),
            ModelCache.class);
  }

  /** The local zoo of {@code synthetic.zoo}, opened once per JVM. */
  private static ZooSetting zoo(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(ZOO_KEY, key -> ZooSetting.read(context), ZooSetting.class);
  }

  /**
   * The position of this parameter among the {@code @SyntheticPatients} parameters of its method.
   */
  private static int ordinal(ParameterContext parameterContext) {
    Executable executable = parameterContext.getDeclaringExecutable();
    Parameter[] parameters = executable.getParameters();
    int ordinal = 0;
    for (int i = 0; i < parameterContext.getIndex(); i++) {
      if (AnnotationSupport.isAnnotated(parameters[i], SyntheticPatients.class)) {
        ordinal++;
      }
    }
    return ordinal;
  }

  private static String headline(ParameterContext parameterContext) {
    Executable executable = parameterContext.getDeclaringExecutable();
    return "@SyntheticPatients cannot resolve parameter ["
        + parameterContext.getParameter()
        + "] of "
        + executable.getDeclaringClass().getSimpleName()
        + "."
        + executable.getName()
        + "()";
  }
}

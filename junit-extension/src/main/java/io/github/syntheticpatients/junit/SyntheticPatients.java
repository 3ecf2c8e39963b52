package io.github.syntheticpatients.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Injects synthetic patients, sampled from a trained model, into a test parameter. The annotation
 * registers {@link SyntheticPatientsExtension} by itself.
 *
 * <pre>{@code
 * @Test
 * void flagsOlderPatients(@SyntheticPatients(count = 50, conditions = "sex=f") List<PatientRecord> patients) {
 *   assertThat(patients).allSatisfy(p -> assertThat(p.getString("sex")).isEqualTo("f"));
 * }
 * }</pre>
 *
 * <p>Supported parameter types:
 *
 * <ul>
 *   <li>{@code List<PatientRecord>} and {@code Stream<PatientRecord>}: {@link #count()} records;
 *   <li>{@code PatientRecord}: one record;
 *   <li>{@code List<PatientTimeline>}, {@code Stream<PatientTimeline>} and {@code PatientTimeline}:
 *       whole patients of a longitudinal model (static attributes and visits in time order); asking
 *       a tabular model for them fails with a message naming the model;
 *   <li>{@code List<T>}, {@code Stream<T>} or {@code T}, where {@code T} is your own record or
 *       POJO: columns are mapped onto its components by name through Jackson
 *       ({@code @JsonProperty("alk.phos")} renames). For a longitudinal model a {@code T} with a
 *       {@code visits} component (e.g. {@code List<Visit>}) is a whole patient, filled from {@link
 *       io.github.syntheticpatients.runtime.PatientTimeline#asMap()}; without one, each {@code T}
 *       is one visit row;
 *   <li>{@code java.nio.file.Path}: a CSV file of {@link #count()} records in a temporary
 *       directory, with its provenance file beside it; the directory is deleted after the test.
 * </ul>
 *
 * <p>The records are reproducible: they depend only on the model, the seed (see {@link Seed}), the
 * count, the conditions, the balance and the parameter's position among the test's
 * {@code @SyntheticPatients} parameters.
 *
 * @since 0.1.0
 */
@Target({ElementType.PARAMETER, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(SyntheticPatientsExtension.class)
public @interface SyntheticPatients {

  /**
   * The model: a model-zoo id ({@code "default"}), a classpath resource ({@code
   * "classpath:models/x.synth"}) or a model file path, relative to the working directory (the
   * project directory under Maven).
   */
  String model() default "default";

  /**
   * How many records to inject; ignored for a single-record parameter. For a longitudinal model
   * this counts patients: a {@code List<PatientRecord>} then holds all their visit rows (long
   * format).
   *
   * <p>A {@code List} or {@code Path} is sampled in memory, so it takes at most 1,000,000 records
   * (100,000 patients of a longitudinal model, see {@link
   * io.github.syntheticpatients.runtime.SampleLimits}); a larger count is refused before anything
   * is sampled. A {@code Stream} takes any count: it is sampled 10,000 at a time as the test reads
   * it, and its values are those of a {@code List} of the same count and seed (and of {@code
   * synthetic:generate} with that seed), however far it is read.
   */
  int count() default 10;

  /**
   * Conditions every record meets, such as {@code "sex=f"}, {@code "status=2"} or {@code
   * "age>=60"}. Empty for unconditional sampling.
   */
  String[] conditions() default {};

  /**
   * A class distribution for one categorical or binary column: {@code "death"} gives every category
   * equally many records, {@code "death:1=0.5"} gives category {@code 1} half of them (the
   * categories not listed share the rest), {@code "stage:4=0.4,3=0.3"} sets several. The counts are
   * exact (largest-remainder rounding) in every full block of 4,096 records (256 patients), within
   * rounding for a count that is not a multiple of it, and the classes come interleaved. Each class
   * is sampled with the class fixed by the generator itself, so a rare class costs no rejection.
   * For a longitudinal model the column must be a static attribute. Empty for the model's own
   * distribution.
   *
   * <pre>{@code
   * @Test
   * void scoresBothOutcomes(@SyntheticPatients(count = 200, balance = "status") List<PatientRecord> patients) {
   *   assertThat(patients.stream().filter(p -> "2".equals(p.getString("status")))).isNotEmpty();
   * }
   * }</pre>
   */
  String balance() default "";
}

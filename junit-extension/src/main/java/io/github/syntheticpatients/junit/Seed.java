package io.github.syntheticpatients.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Fixes the seed of the {@link SyntheticPatients} parameters of a test method, or of every test in
 * a class. The same seed gives the same patients on every machine.
 *
 * <p>Precedence: {@code @Seed} on the method, then on the class (or an enclosing class), then the
 * {@code synthetic.seed} system property or JUnit configuration parameter, then a random seed. When
 * a test fails, the extension reports the seed it used:
 *
 * <pre>{@code
 * Test method 'flagsOlderPatients' failed with seed: 42 (seed source: random). Reproduce with @Seed(42)
 * }</pre>
 *
 * <p>and the failure is reproduced with
 *
 * <pre>{@code
 * @Test
 * @Seed(42)
 * void flagsOlderPatients(@SyntheticPatients List<PatientRecord> patients) { ... }
 * }</pre>
 *
 * @since 0.1.0
 */
@Target({ElementType.METHOD, ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface Seed {

  /** The seed. */
  long value();
}

package io.github.syntheticpatients.junit.internal;

import io.github.syntheticpatients.junit.Seed;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * Finds a test's seed: {@code @Seed} on the method, then on the class or an enclosing class, then
 * the {@code synthetic.seed} system property or JUnit configuration parameter, then a fresh random
 * seed.
 */
public final class SeedResolver {
  /** The system property and JUnit configuration parameter that sets the seed of every test. */
  public static final String SEED_PROPERTY = "synthetic.seed";

  public static final String SOURCE_METHOD = "@Seed on method";
  public static final String SOURCE_CLASS = "@Seed on class";
  public static final String SOURCE_SYSTEM_PROPERTY = "system property " + SEED_PROPERTY;
  public static final String SOURCE_CONFIGURATION = "configuration parameter " + SEED_PROPERTY;
  public static final String SOURCE_RANDOM = "random";

  private SeedResolver() {}

  /** The seed for the test (or class) of this context. */
  public static ResolvedSeed resolve(ExtensionContext context) {
    Optional<Seed> onMethod =
        context
            .getTestMethod()
            .flatMap(method -> AnnotationSupport.findAnnotation(method, Seed.class));
    if (onMethod.isPresent()) {
      return new ResolvedSeed(onMethod.get().value(), SOURCE_METHOD);
    }
    // Walk outwards like Mockito does for @MockitoSettings: the test class, then enclosing @Nested
    // classes.
    for (Optional<ExtensionContext> c = Optional.of(context);
        c.isPresent();
        c = c.get().getParent()) {
      Optional<Seed> onClass =
          c.get()
              .getTestClass()
              .flatMap(type -> AnnotationSupport.findAnnotation(type, Seed.class));
      if (onClass.isPresent()) {
        return new ResolvedSeed(onClass.get().value(), SOURCE_CLASS);
      }
    }
    String property = System.getProperty(SEED_PROPERTY);
    if (property != null) {
      return new ResolvedSeed(parse(property, "-D" + SEED_PROPERTY), SOURCE_SYSTEM_PROPERTY);
    }
    // JUnit configuration parameters (junit-platform.properties, launcher or EngineTestKit
    // settings).
    Optional<String> parameter = context.getConfigurationParameter(SEED_PROPERTY);
    if (parameter.isPresent()) {
      return new ResolvedSeed(parse(parameter.get(), SEED_PROPERTY), SOURCE_CONFIGURATION);
    }
    return new ResolvedSeed(ThreadLocalRandom.current().nextLong(), SOURCE_RANDOM);
  }

  private static long parse(String text, String where) {
    try {
      return Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new ExtensionConfigurationException(
          Failures.message(
              "Cannot read the seed",
              List.of(where + " is '" + text + "', which is not a whole number"),
              "Set " + where + " to a whole number such as 42, or remove it for a random seed."),
          e);
    }
  }
}

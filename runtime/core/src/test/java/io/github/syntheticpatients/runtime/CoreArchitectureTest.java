package io.github.syntheticpatients.runtime;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The runtime's package rules over the main classes this module sees (its own and those it depends
 * on).
 */
class CoreArchitectureTest {
  private static final JavaClasses CLASSES = RuntimeRules.mainClasses();

  @ParameterizedTest
  @MethodSource("io.github.syntheticpatients.runtime.RuntimeRules#all")
  void holds(ArchRule rule) {
    rule.check(CLASSES);
  }
}

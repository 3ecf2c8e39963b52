package io.github.syntheticpatients.maven;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The Maven plugin is an adapter: it touches the runtime's API packages only
 * (docs/architecture.md).
 */
class AdapterBoundaryTest {
  private static final String[] API = {
    "io.github.syntheticpatients.runtime",
    "io.github.syntheticpatients.runtime.sampling",
    "io.github.syntheticpatients.runtime.training",
    "io.github.syntheticpatients.runtime.evaluation",
    "io.github.syntheticpatients.runtime.spi"
  };

  @Test
  void touchesOnlyTheRuntimeApi() {
    JavaClasses classes =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.github.syntheticpatients.maven");
    noClasses()
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.github.syntheticpatients.runtime..")
                .and(not(resideInAnyPackage(API))))
        .because("implementation packages may change without notice; add a view to the API instead")
        .check(classes);
  }
}

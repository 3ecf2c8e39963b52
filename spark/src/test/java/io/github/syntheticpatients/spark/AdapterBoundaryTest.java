package io.github.syntheticpatients.spark;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The data source is an adapter: it touches the runtime's sampling API only (docs/architecture.md).
 */
class AdapterBoundaryTest {
  private static final String[] API = {
    "io.github.syntheticpatients.runtime",
    "io.github.syntheticpatients.runtime.sampling",
    "io.github.syntheticpatients.runtime.spi"
  };

  @Test
  void touchesOnlyTheSamplingApi() {
    JavaClasses classes =
        // The module's own classes folder: scanning the classpath for the package would read all of
        // Spark's jars.
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importUrl(
                SyntheticPatientsSource.class.getProtectionDomain().getCodeSource().getLocation());
    noClasses()
        .should()
        .dependOnClassesThat(
            resideInAPackage("io.github.syntheticpatients.runtime..")
                .and(not(resideInAnyPackage(API))))
        .because("implementation packages may change without notice; add a view to the API instead")
        .check(classes);
  }
}

package io.github.syntheticpatients.runtime;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * The runtime's package rules (docs/architecture.md), run by each runtime module's architecture
 * test over the classes on its classpath: core checks core, eval checks core and eval, train checks
 * all three. Plain Jupiter tests rather than ArchUnit's engine, so {@code
 * -Dtest=...ArchitectureTest} selects them like any other test.
 */
public final class RuntimeRules {
  private RuntimeRules() {}

  /** Packages of the eval module. */
  static final String[] EVAL = {"..runtime.eval..", "..runtime.evaluation.."};

  /** Packages of the train module. */
  static final String[] TRAIN = {
    "..runtime.train..",
    "..runtime.training..",
    "..runtime.gan..",
    "..runtime.argn..",
    "..runtime.fit..",
    "..runtime.dp.."
  };

  public static final ArchRule noPackageCycles =
      slices().matching("io.github.syntheticpatients.(**)").should().beFreeOfCycles();

  public static final ArchRule onlyTrainingUsesDjl =
      noClasses()
          .that()
          .resideOutsideOfPackages("..runtime.gan..", "..runtime.argn..", "..runtime.train..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("ai.djl..")
          .because("sampling is plain Java; DJL is an optional dependency of the train module");

  public static final ArchRule onlyCsvIoUsesCommonsCsv =
      noClasses()
          .that()
          .resideOutsideOfPackage("..runtime.io.csv..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.apache.commons.csv..")
          .because("one place owns the CSV dialect and its error messages");

  public static final ArchRule onlyJsonIoUsesJackson =
      noClasses()
          .that()
          .resideOutsideOfPackage("..runtime.io.json..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("com.fasterxml.jackson..")
          .because(
              "the model file and the reports write JSON through io.json (JsonFiles, JsonTrees)");

  public static final ArchRule onlyEvaluationUsesTribuo =
      noClasses()
          .that()
          .resideOutsideOfPackage("..runtime.eval..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.tribuo..");

  public static final ArchRule onlyTrainingUsesCommonsMath =
      noClasses()
          .that()
          .resideOutsideOfPackages(TRAIN)
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.apache.commons.math3..")
          .because("fitting lives in runtime/train; the core only loads and samples");

  public static final ArchRule runtimeNeverSeesMavenOrJunit =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(
              "org.apache.maven..",
              "org.junit..",
              "io.github.syntheticpatients.maven..",
              "io.github.syntheticpatients.junit..");

  public static final ArchRule coreSeesNeitherEvalNorTrain =
      noClasses()
          .that()
          .resideOutsideOfPackages(concat(EVAL, TRAIN))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(concat(EVAL, TRAIN))
          .because("a test that only samples depends on the core alone");

  public static final ArchRule evalSeesNoTraining =
      noClasses()
          .that()
          .resideInAnyPackage(EVAL)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(TRAIN)
          .because(
              "training depends on evaluation (the gate decides whether a model is written), not back")
          .allowEmptyShould(true); // core's test sees no eval classes

  /** eval's rooms, each seeing only those below it: report → privacy → fidelity → stats. */
  public static final ArchRule evalRoomsInOrder =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .withOptionalLayers(true) // core's test sees no eval classes
          .layer("report")
          .definedBy("..runtime.eval.report..")
          .layer("privacy")
          .definedBy("..runtime.eval.privacy..")
          .layer("fidelity")
          .definedBy("..runtime.eval.fidelity..")
          .layer("stats")
          .definedBy("..runtime.eval.stats..")
          .whereLayer("report")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("privacy")
          .mayOnlyBeAccessedByLayers("report")
          .whereLayer("fidelity")
          .mayOnlyBeAccessedByLayers("privacy", "report")
          .whereLayer("stats")
          .mayOnlyBeAccessedByLayers("fidelity", "privacy", "report")
          .because(
              "the report reads the gate, the gate reads fidelity, and all read the shared statistics");

  /**
   * The runtime's main classes on this module's test classpath: test classes are left out whether
   * they come as a folder (this module's) or as a test jar (core's and eval's, which the reactor
   * hands over packaged in {@code mvn verify}).
   */
  public static JavaClasses mainClasses() {
    return new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .withImportOption(location -> !location.contains("-tests.jar"))
        .importPackages("io.github.syntheticpatients.runtime");
  }

  /** Every rule, for a parameterised test. */
  public static List<ArchRule> all() {
    return List.of(
        noPackageCycles,
        onlyTrainingUsesDjl,
        onlyCsvIoUsesCommonsCsv,
        onlyJsonIoUsesJackson,
        onlyEvaluationUsesTribuo,
        onlyTrainingUsesCommonsMath,
        runtimeNeverSeesMavenOrJunit,
        coreSeesNeitherEvalNorTrain,
        evalSeesNoTraining,
        evalRoomsInOrder);
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }
}

package io.github.syntheticpatients.junit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.github.syntheticpatients.runtime.PatientRecord;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.platform.testkit.engine.EngineExecutionResults;

class UserTypeMappingTest {

  /** The user's own record: a subset of the columns, one renamed, categories read as numbers. */
  record Patient(
      String id,
      String sex,
      Double age,
      Integer status,
      @JsonProperty("alk.phos") Double alkalinePhosphatase) {}

  /** A POJO with a no-argument constructor and setters. */
  public static class PatientBean {
    private String sex;
    private Double bili;

    public String getSex() {
      return sex;
    }

    public void setSex(String sex) {
      this.sex = sex;
    }

    public Double getBili() {
      return bili;
    }

    public void setBili(Double bili) {
      this.bili = bili;
    }
  }

  record WithUnknownComponent(String sex, String bloodType) {}

  record WithPrimitiveForNullable(String sex, double chol) {}

  /** age is a decimal column of the default model (e.g. 51.7). */
  record WithIntegerForDecimal(String sex, Integer age) {}

  @Test
  void mapsColumnsOntoRecordsAndPojosByName() {
    EngineExecutionResults results = Kit.run(MappingTestCases.class);

    results.testEvents().assertStatistics(stats -> stats.started(3).succeeded(3));
    List<PatientRecord> expected = ParameterTypesTest.sample(20, 3);
    StringBuilder records = new StringBuilder();
    StringBuilder beans = new StringBuilder();
    for (PatientRecord p : expected) {
      records.append(
          new Patient(
              p.getString("id"),
              p.getString("sex"),
              p.getDouble("age"),
              p.getInt("status"),
              p.getDouble("alk.phos")));
      beans.append(p.getString("sex")).append('/').append(p.getDouble("bili")).append(';');
    }
    Map<String, String> reports = Kit.report(results, "patients");
    assertThat(reports)
        .containsEntry("records", records.toString())
        .containsEntry("stream", records.toString())
        .containsEntry("beans", beans.toString());
  }

  @Test
  void aComponentThatMatchesNoColumnIsAClearError() {
    EngineExecutionResults results = Kit.run(BadMappingTestCases.class);

    results.testEvents().assertStatistics(stats -> stats.started(3).failed(3));
    Map<String, Throwable> failures = Kit.failures(results);
    assertThat(failures.get("unknownComponent"))
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessageContaining(
            "Cause:\n -> 'bloodType' of "
                + WithUnknownComponent.class.getName()
                + " matches no column of the model")
        .hasMessageContaining("Columns of model 'default': id, time, status")
        .hasMessageContaining("alk.phos")
        .hasMessageContaining(
            "Name each component after a column, or map it with @JsonProperty(\"column\").");
    assertThat(failures.get("primitiveForMissingValues"))
        .hasMessageContaining(
            "'chol' of " + WithPrimitiveForNullable.class.getName() + " is a primitive double")
        .hasMessageContaining("use its boxed type so a missing value is null");
  }

  @Test
  void aWholeNumberComponentForADecimalColumnIsRefusedNotTruncated() {
    EngineExecutionResults results = Kit.run(BadMappingTestCases.class);

    Throwable failure = Kit.failures(results).get("integerForDecimal");
    // Surefire's summary shows only the start of the message: the cause must come first.
    assertThat(failure)
        .isInstanceOf(ParameterResolutionException.class)
        .hasMessageStartingWith(
            "@SyntheticPatients: 'age' of "
                + WithIntegerForDecimal.class.getName()
                + " is a java.lang.Integer, but column 'age' holds decimals")
        .hasMessageContaining("declare it Double or BigDecimal")
        .hasMessageContaining("@SyntheticPatients cannot resolve parameter [");
  }

  @Seed(3)
  static class MappingTestCases {
    @Test
    void records(@SyntheticPatients(count = 20) List<Patient> patients, TestReporter reporter) {
      StringBuilder text = new StringBuilder();
      patients.forEach(text::append);
      reporter.publishEntry("patients", text.toString());
    }

    @Test
    void stream(@SyntheticPatients(count = 20) Stream<Patient> patients, TestReporter reporter) {
      StringBuilder text = new StringBuilder();
      patients.forEach(text::append);
      reporter.publishEntry("patients", text.toString());
    }

    @Test
    void beans(@SyntheticPatients(count = 20) List<PatientBean> patients, TestReporter reporter) {
      StringBuilder text = new StringBuilder();
      patients.forEach(p -> text.append(p.getSex()).append('/').append(p.getBili()).append(';'));
      reporter.publishEntry("patients", text.toString());
    }
  }

  static class BadMappingTestCases {
    @Test
    void unknownComponent(@SyntheticPatients WithUnknownComponent patient) {}

    @Test
    void primitiveForMissingValues(@SyntheticPatients List<WithPrimitiveForNullable> patients) {}

    @Test
    void integerForDecimal(@SyntheticPatients List<WithIntegerForDecimal> patients) {}
  }
}

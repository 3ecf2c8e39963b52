package io.github.syntheticpatients.junit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/** Runs {@code …TestCases} fixtures through the Jupiter engine and reads what they reported. */
final class Kit {
  private Kit() {}

  static EngineExecutionResults run(Class<?> fixture) {
    return run(fixture, Map.of());
  }

  static EngineExecutionResults run(Class<?> fixture, Map<String, String> configuration) {
    return EngineTestKit.engine("junit-jupiter")
        .configurationParameters(configuration)
        .selectors(selectClass(fixture))
        .execute();
  }

  /** The report entries with this key, by test method name, sorted by name. */
  static Map<String, List<String>> reports(EngineExecutionResults results, String key) {
    return results.allEvents().reportingEntryPublished().stream()
        .filter(
            event ->
                event
                    .getPayload(ReportEntry.class)
                    .orElseThrow()
                    .getKeyValuePairs()
                    .containsKey(key))
        .collect(
            Collectors.groupingBy(
                Kit::methodName,
                TreeMap::new,
                Collectors.mapping(
                    event ->
                        event
                            .getPayload(ReportEntry.class)
                            .orElseThrow()
                            .getKeyValuePairs()
                            .get(key),
                    Collectors.toList())));
  }

  /** The single report entry with this key per test method. */
  static Map<String, String> report(EngineExecutionResults results, String key) {
    Map<String, String> single = new LinkedHashMap<>();
    reports(results, key)
        .forEach((method, values) -> single.put(method, String.join("\n", values)));
    return single;
  }

  /** The failure message of each failed test, by method name. */
  static Map<String, Throwable> failures(EngineExecutionResults results) {
    Map<String, Throwable> failures = new TreeMap<>();
    results.testEvents().failed().stream()
        .forEach(
            event ->
                failures.put(
                    methodName(event),
                    event
                        .getPayload(org.junit.platform.engine.TestExecutionResult.class)
                        .orElseThrow()
                        .getThrowable()
                        .orElseThrow()));
    return failures;
  }

  static String methodName(Event event) {
    return event
        .getTestDescriptor()
        .getSource()
        .filter(MethodSource.class::isInstance)
        .map(source -> ((MethodSource) source).getMethodName())
        .orElse(event.getTestDescriptor().getDisplayName());
  }
}

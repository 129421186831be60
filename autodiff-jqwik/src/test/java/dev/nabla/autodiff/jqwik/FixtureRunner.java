package dev.nabla.autodiff.jqwik;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one property of a fixture class (a class whose name matches no Surefire pattern, so a normal
 * build does not run it) through the JUnit Platform launcher, as Surefire would.
 */
final class FixtureRunner {
  private FixtureRunner() {}

  /** What a run reported: the summary, and the report entries jqwik published (such as statistics). */
  record Run(TestExecutionSummary summary, List<String> reports) {
    /** The message of the only failure; fails when there is not exactly one. */
    String onlyFailure(String what) {
      if (summary.getTestsFailedCount() != 1) {
        throw new AssertionError(what + ": expected exactly one failure, got " + summary.getTestsFailedCount()
            + " (" + summary.getTestsSucceededCount() + " succeeded)");
      }
      return String.valueOf(summary.getFailures().get(0).getException().getMessage());
    }
  }

  /** Runs {@code fixture#method(parameterTypes)} with jqwik's default configuration. */
  static Run run(Class<?> fixture, String method, Class<?>... parameterTypes) {
    return run(Map.of(), fixture, method, parameterTypes);
  }

  /**
   * Runs {@code fixture#method(parameterTypes)} with extra configuration parameters (e.g. jqwik's). jqwik
   * is told to publish its reports (statistics) to the platform, where they are collected.
   */
  static Run run(Map<String, String> configuration, Class<?> fixture, String method, Class<?>... parameterTypes) {
    Map<String, String> withReports = new HashMap<>(configuration);
    withReports.put("jqwik.reporting.usejunitplatform", "true");
    String parameters = Arrays.stream(parameterTypes).map(Class::getName).collect(Collectors.joining(","));
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    List<String> reports = new ArrayList<>();
    TestExecutionListener reporter = new TestExecutionListener() {
      @Override
      public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        entry.getKeyValuePairs().forEach((k, v) -> reports.add(k + " = " + v));
      }
    };
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(selectMethod(fixture.getName() + "#" + method + "(" + parameters + ")"))
        .configurationParameters(withReports)
        .build(), summary, reporter);
    return new Run(summary.getSummary(), reports);
  }
}

package dev.nabla.autodiff.jqwik;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/**
 * Runs one property of a fixture class (a class whose name matches no Surefire pattern, so a normal
 * build does not run it) through the JUnit Platform launcher, as Surefire would, and returns the summary.
 */
final class FixtureRunner {
  private FixtureRunner() {}

  /** Runs {@code fixture#method(parameterTypes)} with jqwik's default configuration. */
  static TestExecutionSummary run(Class<?> fixture, String method, Class<?>... parameterTypes) {
    return run(Map.of(), fixture, method, parameterTypes);
  }

  /** Runs {@code fixture#method(parameterTypes)} with extra configuration parameters (e.g. jqwik's). */
  static TestExecutionSummary run(Map<String, String> configuration, Class<?> fixture, String method,
      Class<?>... parameterTypes) {
    String parameters = Arrays.stream(parameterTypes).map(Class::getName).collect(Collectors.joining(","));
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
        .selectors(selectMethod(fixture.getName() + "#" + method + "(" + parameters + ")"))
        .configurationParameters(configuration)
        .build(), listener);
    return listener.getSummary();
  }

  /** The message of the only failure in {@code summary}; fails when there is not exactly one. */
  static String onlyFailure(TestExecutionSummary summary, String what) {
    if (summary.getTestsFailedCount() != 1) {
      throw new AssertionError(what + ": expected exactly one failure, got " + summary.getTestsFailedCount()
          + " (" + summary.getTestsSucceededCount() + " succeeded)");
    }
    return String.valueOf(summary.getFailures().get(0).getException().getMessage());
  }
}

package dev.nabla.examples.mnist.serve;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.interactions.PointerInput;
import org.openqa.selenium.interactions.Sequence;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * Debian's headless Chromium, driven through its ChromeDriver by Selenium. Both are taken from their
 * fixed Debian paths, so Selenium Manager is never asked to find (or download) anything. Without them
 * the browser tests are skipped with a message, except under CI ({@code CI=true}), where
 * {@code .ci/run} installs them and their absence is a failure.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

  final ChromeDriver driver;
  private final Path profile;

  private Browser(ChromeDriver driver, Path profile) {
    this.driver = driver;
    this.profile = profile;
  }

  /** Starts a headless Chromium with a fresh profile and a window of the given size. */
  static Browser start(int width, int height) throws IOException {
    requireChromium();
    Path profile = Files.createTempDirectory("serve-test-chromium-");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // as root, on a machine with no network: no sandbox, no GPU, and nothing that phones home
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
        "--force-device-scale-factor=1", "--hide-scrollbars", "--window-size=" + width + "," + height,
        "--user-data-dir=" + profile);
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    return new Browser(driver, profile);
  }

  /** Why the browser tests cannot run here, or empty when Chromium and its driver are installed. */
  static Optional<String> chromiumMissing() {
    if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER)) {
      return Optional.empty();
    }
    return Optional.of("the browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", " + CHROMEDRIVER
        + "): apt-get install chromium chromium-driver, or run .ci/run, which installs them");
  }

  /** Returns when Chromium and its driver are there; otherwise skips the test, or fails it under CI. */
  static void requireChromium() {
    Optional<String> missing = chromiumMissing();
    if (missing.isEmpty()) {
      return;
    }
    if ("true".equals(System.getenv("CI"))) {
      fail("CI=true but " + missing.get());
    }
    Assumptions.abort("skipped: " + missing.get());
  }

  /** Runs JavaScript in the page and returns its result. */
  Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** Waits up to 10 s for {@code condition}, failing with {@code what}. */
  void waitFor(String what, BooleanSupplier condition) throws InterruptedException {
    for (int i = 0; i < 200; i++) {
      if (condition.getAsBoolean()) {
        return;
      }
      Thread.sleep(50);
    }
    fail("timed out waiting for " + what);
  }

  /**
   * Draws strokes on the canvas {@code #pad} with real pointer events (a mouse, a pen or a finger).
   * Each stroke is a list of points in the pad's own 280 × 280 coordinates.
   */
  void draw(PointerInput.Kind kind, List<int[][]> strokes) {
    @SuppressWarnings("unchecked")
    Map<String, Number> r = (Map<String, Number>) js("const r = document.getElementById('pad').getBoundingClientRect();"
        + "return {left: r.left, top: r.top, width: r.width, height: r.height};");
    double sx = r.get("width").doubleValue() / 280;
    double sy = r.get("height").doubleValue() / 280;
    PointerInput pointer = new PointerInput(kind, kind.name().toLowerCase(java.util.Locale.ROOT));
    for (int[][] stroke : strokes) {
      Sequence s = new Sequence(pointer, 0);
      for (int i = 0; i < stroke.length; i++) {
        int x = (int) Math.round(r.get("left").doubleValue() + stroke[i][0] * sx);
        int y = (int) Math.round(r.get("top").doubleValue() + stroke[i][1] * sy);
        s.addAction(pointer.createPointerMove(Duration.ofMillis(i == 0 ? 0 : 12), PointerInput.Origin.viewport(), x, y));
        if (i == 0) {
          s.addAction(pointer.createPointerDown(PointerInput.MouseButton.LEFT.asArg()));
        }
      }
      s.addAction(pointer.createPointerUp(PointerInput.MouseButton.LEFT.asArg()));
      driver.perform(List.of(s));
    }
  }

  /** Points the mouse at the element matched by {@code css}. */
  void pointAt(String css) {
    new org.openqa.selenium.interactions.Actions(driver).moveToElement(driver.findElement(org.openqa.selenium.By.cssSelector(css)))
        .perform();
  }

  /**
   * Shows the page in a viewport {@code width} pixels wide (as a phone when {@code mobile}), the
   * window's height when {@code height} is 0.
   */
  void viewport(int width, long height, boolean mobile) {
    long h = height > 0 ? height : ((Number) js("return window.outerHeight;")).longValue();
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
        Map.of("width", width, "height", h, "deviceScaleFactor", 1, "mobile", mobile));
  }

  /** Saves a screenshot of the whole page, {@code width} pixels wide, to {@code file}. */
  void screenshotWholePage(Path file, int width, boolean mobile) throws IOException {
    viewport(width, ((Number) js("return Math.ceil(document.documentElement.scrollHeight);")).longValue(), mobile);
    File shot = driver.getScreenshotAs(OutputType.FILE);
    Files.createDirectories(file.getParent());
    Files.copy(shot.toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    assertTrue(Files.size(file) > 10_000, file + " looks empty");
  }

  /** The browser console's errors (failed requests, script errors, CSP violations). */
  List<String> consoleErrors() {
    return driver.manage().logs().get(LogType.BROWSER).getAll().stream().filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
        .map(LogEntry::getMessage).toList();
  }

  @Override
  public void close() throws IOException {
    try {
      driver.quit();
    } finally {
      try (var files = Files.walk(profile)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}

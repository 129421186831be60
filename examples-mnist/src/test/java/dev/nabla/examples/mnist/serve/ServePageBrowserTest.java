package dev.nabla.examples.mnist.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.PointerInput;

/**
 * The page in a real browser (headless Chromium): a digit drawn with pointer events is read by the
 * network, and the page shows what the API computed for that drawing: the digit, the 28×28 input,
 * every hidden neuron's shade and the ten output bars. Screenshots go to target/serve-screenshots/.
 */
class ServePageBrowserTest {
  /** A 7 in the pad's 280 × 280 coordinates: the bar, then the stroke down. */
  static final List<int[][]> SEVEN = List.<int[][]>of(new int[][] {{70, 62}, {110, 60}, {150, 59}, {190, 58}, {212, 60},
      {195, 100}, {178, 140}, {160, 180}, {146, 215}, {138, 240}});
  static final Path SCREENSHOTS = Path.of("target", "serve-screenshots");

  private static RunningServer served;
  private Browser browser;

  @BeforeAll
  static void startServer() {
    if (Browser.chromiumMissing().isPresent() && !"true".equals(System.getenv("CI"))) {
      System.err.println("ServePageBrowserTest skipped: " + Browser.chromiumMissing().get());
      return;
    }
    served = new RunningServer(TestModels.lesson()); // [784, 16, 16, 10]: two hidden layers to show
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (served != null) {
      served.close();
    }
  }

  @BeforeEach
  void openThePage() throws Exception {
    Browser.requireChromium();
    browser = Browser.start(1280, 900);
    browser.driver.get(served.client.base().toString());
    browser.waitFor("the page to load the model", () -> "true".equals(browser.js("return document.body.dataset.ready || '';")));
  }

  @AfterEach
  void nothingWentWrongInThePage() throws Exception {
    if (browser == null) {
      return; // skipped
    }
    try {
      assertEquals(List.of(), browser.consoleErrors(), "errors in the browser console");
      @SuppressWarnings("unchecked")
      List<String> requests = (List<String>) browser.js("return performance.getEntriesByType('resource').map(e => e.name);");
      for (String url : requests) {
        assertTrue(url.startsWith(served.client.base().toString()), "the page fetched from elsewhere: " + url);
      }
    } finally {
      browser.close();
    }
  }

  /** Waits until the page has shown a prediction and has no request under way or to send. */
  private void waitForTheLastPrediction() throws InterruptedException {
    browser.waitFor("the page to show the drawing's prediction", () -> !text("#digit").equals("?")
        && "false".equals(browser.js("return document.body.dataset.pending || '';")));
  }

  /**
   * One point, the centre of the element matched by {@code css} (scrolled into view), in the pad's
   * coordinates, for {@link Browser#draw}.
   */
  private int[][] centreOf(String css) {
    @SuppressWarnings("unchecked")
    List<Number> p = (List<Number>) browser.js("document.querySelector(arguments[0]).scrollIntoView({block: 'center'});"
        + "const e = document.querySelector(arguments[0]).getBoundingClientRect();"
        + "const pad = document.getElementById('pad').getBoundingClientRect();"
        + "return [(e.left + e.width / 2 - pad.left) * 280 / pad.width, (e.top + e.height / 2 - pad.top) * 280 / pad.height];", css);
    return new int[][] {{(int) Math.round(p.get(0).doubleValue()), (int) Math.round(p.get(1).doubleValue())}};
  }

  private String text(String css) {
    return browser.driver.findElement(By.cssSelector(css)).getText();
  }

  /** The server's prediction for what is on the pad now, asked directly with the pad's own PNG. */
  private JsonObject serversReadingOfThePad() throws Exception {
    String url = (String) browser.js("return document.getElementById('pad').toDataURL('image/png');");
    byte[] png = Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
    ApiClient.Reply r = served.client.postPng("/api/predict", png);
    assertEquals(200, r.status(), r.json().toString());
    return r.json();
  }

  /** Asserts that the page shows prediction {@code p}: digit, input pixels, neuron shades, bars. */
  private void assertPageShows(JsonObject p) {
    int digit = p.get("digit").getAsInt();
    assertEquals(String.valueOf(digit), text("#digit"));
    assertEquals(String.valueOf(digit), text("#outputs .bar-row.best .bar-label"));
    // the 28×28 input, pixel by pixel
    @SuppressWarnings("unchecked")
    List<Number> shown = (List<Number>) browser.js("const c = document.getElementById('input').getContext('2d');"
        + "return Array.from(c.getImageData(0, 0, 28, 28).data.filter((v, i) => i % 4 === 0));");
    double[] input = PredictApiTest.numbers(p.getAsJsonArray("input"));
    for (int i = 0; i < 784; i++) {
      assertEquals(Math.round(255 * input[i]), shown.get(i).longValue(), "input pixel " + i);
    }
    // each hidden layer's row of neurons, shaded by activation
    JsonArray layers = p.getAsJsonArray("activations");
    for (int layer = 1; layer < layers.size(); layer++) {
      List<WebElement> neurons = browser.driver.findElements(By.cssSelector(".neurons[data-layer='" + layer + "'] .neuron"));
      double[] a = PredictApiTest.numbers(layers.get(layer - 1).getAsJsonArray());
      assertEquals(a.length, neurons.size(), "neurons in hidden layer " + layer);
      for (int j = 0; j < a.length; j++) {
        long g = Math.round(255 * a[j]);
        assertEquals("rgba(" + g + ", " + g + ", " + g + ", 1)", neurons.get(j).getCssValue("background-color"),
            "hidden layer " + layer + ", neuron " + j + ", activation " + a[j]);
      }
    }
    // the ten output bars: value and length
    double[] outputs = PredictApiTest.numbers(p.getAsJsonArray("outputs"));
    List<WebElement> bars = browser.driver.findElements(By.cssSelector("#outputs .bar-row"));
    assertEquals(10, bars.size());
    for (int d = 0; d < 10; d++) {
      assertEquals(String.format(java.util.Locale.ROOT, "%.2f", outputs[d]), bars.get(d).findElement(By.cssSelector(".bar-value")).getText());
      double track = bars.get(d).findElement(By.cssSelector(".bar-track")).getRect().width - 2; // less its border
      double fill = bars.get(d).findElement(By.cssSelector(".bar-fill")).getRect().width;
      assertEquals(outputs[d] * track, fill, 1.5, "bar " + d);
    }
  }

  @Test
  void aDigitDrawnWithTheMouseIsReadAndTheLayersLightUp() throws Exception {
    assertEquals("?", text("#digit"));
    browser.draw(PointerInput.Kind.MOUSE, SEVEN);
    waitForTheLastPrediction();
    JsonObject p = serversReadingOfThePad();
    assertEquals(7, p.get("digit").getAsInt(), "the network reads the drawn 7 as " + p.get("digit"));
    assertPageShows(p);
    long lit = browser.driver.findElements(By.cssSelector(".neuron")).stream()
        .filter(n -> !n.getCssValue("background-color").equals("rgba(0, 0, 0, 1)")).count();
    assertTrue(lit > 8, "only " + lit + " of 32 hidden neurons lit");

    // point at a first-layer neuron: its 784 incoming weights as a 28×28 red/blue picture
    browser.pointAt(".neurons[data-layer='1'] .neuron:nth-child(5)");
    browser.waitFor("the weights picture", () -> browser.driver.findElement(By.id("weights")).isDisplayed());
    assertTrue(text("#weights-caption").startsWith("Hidden layer 1, neuron 4: the weight it gives each of the 784 pixels"),
        text("#weights-caption"));
    JsonArray w = served.client.get("/api/weights/1/4").json().getAsJsonArray("weights");
    @SuppressWarnings("unchecked")
    List<Number> rgba = (List<Number>) browser.js("return Array.from(document.getElementById('weights').getContext('2d')"
        + ".getImageData(0, 0, 28, 28).data);");
    double[] weights = PredictApiTest.numbers(w);
    double scale = java.util.Arrays.stream(weights).map(Math::abs).max().orElseThrow();
    for (int i = 0; i < 784; i++) {
      double t = Math.abs(weights[i]) / scale; // blue for positive, red for negative, black for 0
      double[] colour = weights[i] >= 0 ? new double[] {88 * t, 196 * t, 221 * t} : new double[] {252 * t, 98 * t, 85 * t};
      for (int c = 0; c < 3; c++) {
        assertEquals(colour[c], rgba.get(4 * i + c).doubleValue(), 0.51, "weight " + i + " = " + weights[i] + ", channel " + c);
      }
    }
    assertEquals(List.of(), PageLayout.problems(browser), "layout at 1280 px");
    browser.screenshotWholePage(SCREENSHOTS.resolve("desktop.png"), 1280, false);
  }

  @Test
  void pointingAtASecondLayerNeuronShowsItsWeightsFromTheFirst() throws Exception {
    browser.pointAt(".neurons[data-layer='2'] .neuron:nth-child(3)");
    browser.waitFor("the weights strip", () -> browser.driver.findElement(By.id("weights-strip")).isDisplayed());
    assertEquals(16, browser.driver.findElements(By.cssSelector("#weights-strip span")).size());
    assertFalse(browser.driver.findElement(By.id("weights")).isDisplayed());
    assertTrue(text("#weights-caption").startsWith("Hidden layer 2, neuron 2: the weight it gives each neuron of hidden layer 1"),
        text("#weights-caption"));
  }

  @Test
  void aRandomTestDigitShowsItsLabelAndWhetherTheNetworkGotItRight() throws Exception {
    browser.driver.findElement(By.id("random")).click();
    Pattern said = Pattern.compile("Test image #(\\d+), labelled (\\d): the network says (\\d), (right|wrong)\\.");
    browser.waitFor("the test digit's verdict", () -> said.matcher(text("#status")).matches());
    Matcher m = said.matcher(text("#status"));
    assertTrue(m.matches());
    JsonObject t = served.client.get("/api/test/" + m.group(1)).json();
    assertEquals(t.get("label").getAsString(), m.group(2));
    assertEquals(t.get("digit").getAsString(), m.group(3));
    assertEquals(t.get("correct").getAsBoolean() ? "right" : "wrong", m.group(4));
    assertPageShows(t);

    browser.driver.findElement(By.id("clear")).click();
    assertEquals("?", text("#digit"));
    assertTrue(browser.driver.findElements(By.cssSelector(".neuron")).stream()
        .allMatch(n -> n.getCssValue("background-color").equals("rgba(0, 0, 0, 1)")), "cleared neurons are dark");
  }

  @Test
  void atPhoneWidthAFingerDrawsAndNoTextOverlaps() throws Exception {
    browser.viewport(390, 844, true);
    browser.driver.navigate().refresh();
    browser.waitFor("the page to load the model", () -> "true".equals(browser.js("return document.body.dataset.ready || '';")));
    assertEquals(390L, ((Number) browser.js("return document.documentElement.clientWidth;")).longValue());
    browser.draw(PointerInput.Kind.TOUCH, SEVEN);
    waitForTheLastPrediction();
    JsonObject p = serversReadingOfThePad();
    assertPageShows(p);
    // a tap on a first-layer neuron shows its weights
    browser.draw(PointerInput.Kind.TOUCH, List.<int[][]>of(centreOf(".neurons[data-layer='1'] .neuron:nth-child(2)")));
    browser.waitFor("the weights picture after a tap", () -> browser.driver.findElement(By.id("weights")).isDisplayed());
    assertTrue(text("#weights-caption").startsWith("Hidden layer 1, neuron 1:"), text("#weights-caption"));
    assertEquals(List.of(), PageLayout.problems(browser), "layout at 390 px");
    browser.screenshotWholePage(SCREENSHOTS.resolve("phone.png"), 390, true);
  }
}

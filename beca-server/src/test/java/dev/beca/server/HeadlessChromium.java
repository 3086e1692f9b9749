package dev.beca.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Debian's Chromium, headless, through the system's chromedriver: both paths are given, so Selenium
 * Manager never looks for (or downloads) a driver or a browser. Without them the browser tests fail
 * with what to install; only outside CI can {@code -Dbeca.browserTests.skip=true} skip them.
 */
final class HeadlessChromium {

  static final Path CHROMIUM = Path.of(System.getProperty("beca.chromium", "/usr/bin/chromium"));
  static final Path CHROMEDRIVER =
      Path.of(System.getProperty("beca.chromedriver", "/usr/bin/chromedriver"));

  /** Where the screenshots go (a build artefact); {@code -Dbeca.gui.docs=true} copies them. */
  static final Path SHOTS = Path.of("target", "gui-screenshots");

  private static final ObjectMapper JSON = new ObjectMapper();

  private HeadlessChromium() {}

  /** Starts the browser at the given window size. */
  static ChromeDriver start(int width, int height) {
    if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
      String message =
          "The web GUI's browser tests need Chromium at "
              + CHROMIUM
              + " and chromedriver at "
              + CHROMEDRIVER
              + ": install them with 'apt-get install chromium chromium-driver' (.ci/run does),"
              + " or point -Dbeca.chromium / -Dbeca.chromedriver at them. Outside CI,"
              + " -Dbeca.browserTests.skip=true skips these tests.";
      if (Boolean.getBoolean("beca.browserTests.skip") && System.getenv("CI") == null) {
        Assumptions.abort(message);
      }
      throw new IllegalStateException(message);
    }
    // Selenium Manager runs only when a path is missing; both are set, and it is told to stay off.
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    System.setProperty("SE_OFFLINE", "true");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--disable-extensions",
        "--force-device-scale-factor=1",
        "--lang=en-US",
        "--window-size=" + width + "," + height);
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
    resize(driver, width, height);
    return driver;
  }

  /** Makes the page's viewport the given size (the window's frame is added). */
  static void resize(ChromeDriver driver, int width, int height) {
    driver.manage().window().setSize(new Dimension(width, height));
    Object inner = driver.executeScript("return [window.innerWidth, window.innerHeight];");
    if (inner instanceof List<?> size && size.size() == 2) {
      int dw = width - ((Number) size.get(0)).intValue();
      int dh = height - ((Number) size.get(1)).intValue();
      if (dw != 0 || dh != 0) {
        driver.manage().window().setSize(new Dimension(width + dw, height + dh));
      }
    }
  }

  /** Saves a screenshot as target/gui-screenshots/NAME.png (and into docs/gui when asked). */
  static Path screenshot(ChromeDriver driver, String name) {
    try {
      Files.createDirectories(SHOTS);
      Path file = SHOTS.resolve(name + ".png");
      Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
      if (Boolean.getBoolean("beca.gui.docs")) {
        Path docs = Path.of("..", "docs", "gui");
        Files.createDirectories(docs);
        Files.copy(file, docs.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("Could not save the screenshot " + name, e);
    }
  }

  /** One accessibility rule the page breaks. */
  record Violation(String rule, String impact, String help, List<String> where) {}

  /**
   * Runs axe-core (as bundled in Deque's Java binding, from the test class path) in the page.
   *
   * @return the violations of impact serious or critical
   */
  static List<Violation> seriousViolations(ChromeDriver driver) {
    driver.executeScript(axeSource());
    Object answer =
        driver.executeAsyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(r => done(JSON.stringify(r.violations)))"
                + ".catch(e => done('ERROR ' + e));");
    String text = String.valueOf(answer);
    if (text.startsWith("ERROR")) {
      throw new IllegalStateException("axe-core failed in the page: " + text);
    }
    List<Violation> serious = new ArrayList<>();
    try {
      for (JsonNode v : JSON.readTree(text)) {
        String impact = v.path("impact").asText();
        if (impact.equals("serious") || impact.equals("critical")) {
          List<String> where = new ArrayList<>();
          for (JsonNode node : v.path("nodes")) {
            where.add(node.path("target").toString() + " " + node.path("failureSummary").asText());
          }
          serious.add(new Violation(v.path("id").asText(), impact, v.path("help").asText(), where));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("axe-core's answer is not JSON: " + text, e);
    }
    return serious;
  }

  private static String axe;

  private static synchronized String axeSource() {
    if (axe == null) {
      try (InputStream in = HeadlessChromium.class.getResourceAsStream("/axe.min.js")) {
        if (in == null) {
          throw new IllegalStateException(
              "axe.min.js is not on the test class path: com.deque.html.axe-core:selenium carries"
                  + " it (test scope in beca-server's pom)");
        }
        axe = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return axe;
  }
}

package dev.beca.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.beca.core.limits.RateLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Page-load harness of the web GUI (not a test): how soon the first screen is interactive and how
 * much the page weighs, measured by headless Chromium's own Navigation and Resource Timing, with
 * the browser cache off, at phone size, against a server on loopback. The baseline, measured in the
 * same run and rounds, is the smallest page the server serves: the login form (HTML and one
 * stylesheet, no script).
 *
 * <p>It runs only when asked (it prints figures; nothing in it is timed against a limit):
 *
 * <pre>
 * ./mvnw -B -ntp -pl beca-server -am -Dtest=WebGuiPageLoadHarness \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dbeca.pageload=true [-Dbeca.pageload.rounds=15] test
 * </pre>
 */
@EnabledIfSystemProperty(named = "beca.pageload", matches = "true")
class WebGuiPageLoadHarness {

  private static final String TIMING =
      "const nav = performance.getEntriesByType('navigation')[0];"
          + "const res = performance.getEntriesByType('resource');"
          + "const ready = performance.getEntriesByName('beca:screen-ready')[0];"
          + "const all = [nav, ...res];"
          + "return {"
          + " interactive: ready ? ready.startTime : nav.domInteractive,"
          + " domInteractive: nav.domInteractive, load: nav.loadEventEnd,"
          + " transfer: all.reduce((s, e) => s + e.transferSize, 0),"
          + " body: all.reduce((s, e) => s + e.decodedBodySize, 0),"
          + " assets: all.filter(e => e === nav || e.name.includes('/assets/'))"
          + "   .reduce((s, e) => s + e.transferSize, 0),"
          + " requests: all.length };";

  @Test
  void measuresTheFirstScreenAndThePageWeightAgainstTheLoginForm() throws Exception {
    int rounds = Integer.getInteger("beca.pageload.rounds", 15);
    Path dir = Files.createTempDirectory("beca-pageload");
    ChromeDriver browser = null;
    // With a self-improvement service, so the admin's shell carries the emergency stop and polls
    // the cycle's status, and the chat polls the approvals, as on a server with --project.
    try (ServerFixture fixture =
        new ServerFixture(
            dir,
            RateLimits::unlimited,
            BecaServer.DEFAULT_MAX_BODY_BYTES,
            (kb, builder) -> builder.improvements(new ScriptedImprovements(kb.improvements())))) {
      fixture.kb.threads().create("release 1.2");
      browser = HeadlessChromium.start(390, 844);
      String base = "http://127.0.0.1:" + fixture.address.getPort();
      browser.get(base + "/login");
      browser.findElement(By.id("token")).sendKeys(fixture.admin);
      browser.findElement(By.cssSelector("form button[type=submit]")).click();
      WebDriverWait wait = new WebDriverWait(browser, java.time.Duration.ofSeconds(20));
      wait.until(d -> d.getCurrentUrl().contains("#/chat"));
      browser.executeCdpCommand("Network.enable", Map.of());
      browser.executeCdpCommand("Network.setCacheDisabled", Map.of("cacheDisabled", true));

      List<Map<String, Number>> gui = new ArrayList<>();
      List<Map<String, Number>> login = new ArrayList<>();
      for (int round = 0; round < rounds + 2; round++) {
        // two warm-up rounds (JIT on both sides); the order alternates so neither path always
        // goes first
        boolean guiFirst = round % 2 == 0;
        for (int i = 0; i < 2; i++) {
          if ((i == 0) == guiFirst) {
            Map<String, Number> m = measureGui(browser, wait, base);
            if (round >= 2) {
              gui.add(m);
            }
          } else {
            Map<String, Number> m = measureLogin(browser, base);
            if (round >= 2) {
              login.add(m);
            }
          }
        }
      }
      System.out.printf(
          "web GUI first screen (chat, phone size, cache off, %d rounds, median):%n", rounds);
      report("GUI shell + chat screen", gui);
      report("baseline: login form (no script)", login);
      System.out.printf(
          "ratio interactive GUI/baseline: %.2fx%n",
          median(gui, "interactive") / median(login, "interactive"));
      assertThat(gui).hasSize(rounds).allMatch(m -> m.get("transfer").doubleValue() > 0);
    } finally {
      if (browser != null) {
        browser.quit();
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Number> measureGui(
      ChromeDriver browser, WebDriverWait wait, String base) {
    browser.get("about:blank");
    browser.get(base + "/#/chat");
    wait.until(
        d ->
            (Boolean)
                ((ChromeDriver) d)
                    .executeScript(
                        "return performance.getEntriesByName('beca:screen-ready').length > 0"
                            + " && document.readyState === 'complete'"
                            + " && !document.querySelector('main [aria-busy=true]');"));
    return (Map<String, Number>) browser.executeScript(TIMING);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Number> measureLogin(ChromeDriver browser, String base) {
    // The login form redirects a logged-in browser, so the baseline runs in a cookie-less request
    // of the same page: delete and restore the session cookie around it.
    org.openqa.selenium.Cookie cookie = browser.manage().getCookieNamed("beca_session");
    browser.get(base + "/assets/app.css"); // cookies are handled per origin: be on it
    browser.manage().deleteCookieNamed("beca_session");
    browser.get("about:blank");
    browser.get(base + "/login");
    new WebDriverWait(browser, java.time.Duration.ofSeconds(20))
        .until(
            d -> "complete".equals(((ChromeDriver) d).executeScript("return document.readyState")));
    Map<String, Number> m = (Map<String, Number>) browser.executeScript(TIMING);
    if (browser.findElements(By.id("token")).isEmpty()) {
      throw new IllegalStateException("the baseline did not measure the login form");
    }
    browser.manage().addCookie(cookie);
    return m;
  }

  private static void report(String what, List<Map<String, Number>> runs) {
    System.out.printf(
        "  %-34s interactive %6.1f ms (domInteractive %5.1f, load %5.1f); transferred %,7.0f B"
            + " (assets %,7.0f B, decoded %,7.0f B) in %.0f requests%n",
        what,
        median(runs, "interactive"),
        median(runs, "domInteractive"),
        median(runs, "load"),
        median(runs, "transfer"),
        median(runs, "assets"),
        median(runs, "body"),
        median(runs, "requests"));
  }

  private static double median(List<Map<String, Number>> runs, String key) {
    double[] values = runs.stream().mapToDouble(m -> m.get(key).doubleValue()).sorted().toArray();
    int n = values.length;
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }
}

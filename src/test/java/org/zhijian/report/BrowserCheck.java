package org.zhijian.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.stream.Stream;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opens a page in headless Chromium (Debian's chromium and chromedriver, which
 * scripts/install-chromium installs) through Selenium, at a given viewport, and reports what a
 * reader would meet: the page's and the viewport's widths, every figure's box, the smallest text
 * outside the charts, every request the page made, the table cells; prints it to PDF. Under CI
 * ({@code CI=true}) a missing browser fails the check; elsewhere the check is skipped, saying so.
 */
public final class BrowserCheck
        implements AutoCloseable
{
    /** Selenium looks for a DevTools module of Chromium's version and warns when there is none; the commands used here need none. */
    private static final java.util.logging.Logger CDP_VERSION = java.util.logging.Logger.getLogger("org.openqa.selenium.devtools.CdpVersionFinder");

    private final ChromeDriver driver;
    private final Path profile;

    private BrowserCheck(ChromeDriver driver, Path profile)
    {
        this.driver = driver;
        this.profile = profile;
    }

    private static Optional<Path> executable(String... names)
    {
        return Stream.of(System.getenv("PATH").split(java.io.File.pathSeparator))
                .flatMap(directory -> Stream.of(names).map(name -> Path.of(directory, name))).filter(Files::isExecutable).findFirst();
    }

    /** The browser, or empty (the check skipped) when it is not installed outside CI. */
    public static Optional<BrowserCheck> open()
            throws IOException
    {
        Optional<Path> chromium = executable("chromium", "chromium-browser");
        Optional<Path> driver = executable("chromedriver");
        if (chromium.isEmpty() || driver.isEmpty()) {
            assertThat("true".equalsIgnoreCase(System.getenv("CI")))
                    .as("Chromium or chromedriver is missing under CI; .ci/run installs them with scripts/install-chromium").isFalse();
            System.out.println("Browser check skipped: Chromium and chromedriver are not installed (scripts/install-chromium installs them)");
            return Optional.empty();
        }
        CDP_VERSION.setLevel(Level.SEVERE);
        Path profile = Files.createTempDirectory("zhijian-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.get().toFile());
        // Headless and quiet: without the background-networking flags Chromium tries Google's hosts at every start.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions", "--hide-scrollbars",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile()).usingAnyFreePort().build();
        return Optional.of(new BrowserCheck(new ChromeDriver(service, options), profile));
    }

    /** What a page showed at one viewport. */
    public record Page(long scrollWidth, long viewportWidth, List<Map<String, Object>> figures, double smallestText, List<String> requests,
            List<String> failures, List<List<String>> headline) {}

    /** Loads the page at this viewport (a phone when narrower than 600 CSS pixels) and measures it; the performance log is read and cleared. */
    public Page load(Path html, int width, int height)
    {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height, "deviceScaleFactor", width < 600 ? 2 : 1,
                "mobile", width < 600));
        driver.manage().logs().get(LogType.PERFORMANCE);
        driver.get(html.toUri().toString());
        long scrollWidth = ((Number) driver.executeScript("return document.documentElement.scrollWidth")).longValue();
        long viewport = ((Number) driver.executeScript("return window.innerWidth")).longValue();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> figures = (List<Map<String, Object>>) driver.executeScript("""
                return Array.from(document.querySelectorAll('figure')).map(f => {
                  const svg = f.querySelector('svg'); const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0, right: 0};
                  return {id: f.id, width: box.width, height: box.height, right: box.right, shapes: svg ? svg.querySelectorAll('path, rect, line, text').length : 0};
                });""");
        // The smallest font of any element with text of its own, outside the charts.
        double smallest = ((Number) driver.executeScript("""
                let smallest = 1000;
                for (const element of document.body.querySelectorAll('*')) {
                  if (element.closest('svg')) continue;
                  const text = Array.from(element.childNodes).some(n => n.nodeType === 3 && n.textContent.trim().length > 0);
                  const before = getComputedStyle(element, '::before').content;
                  if (!text && !(before && before !== 'none' && before !== 'normal')) continue;
                  const box = element.getBoundingClientRect();
                  if (box.width < 2 || box.height < 2) continue;
                  smallest = Math.min(smallest, parseFloat(getComputedStyle(element).fontSize));
                }
                return smallest;""")).doubleValue();
        @SuppressWarnings("unchecked")
        List<List<String>> headline = (List<List<String>>) driver.executeScript("""
                return Array.from(document.querySelectorAll('#table-headline tbody tr, #table-headline-year tbody tr'))
                  .map(tr => Array.from(tr.querySelectorAll('td')).map(td => td.textContent));""");
        List<String> requests = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            String message = entry.getMessage();
            if (message.contains("\"Network.requestWillBeSent\"")) {
                java.util.regex.Matcher url = java.util.regex.Pattern.compile("\"url\":\"([^\"]*)\"").matcher(message.substring(message.indexOf("\"request\"")));
                requests.add(url.find() ? url.group(1) : message);
            }
            if (message.contains("\"Network.loadingFailed\"")) {
                failures.add(message);
            }
        }
        return new Page(scrollWidth, viewport, figures, smallest, requests, failures, headline);
    }

    /** A screenshot of what the viewport shows, and one of each element the CSS selector finds, into {@code directory}. */
    public void screenshots(Path directory, String name, String... selectors)
            throws IOException
    {
        Files.createDirectories(directory);
        Files.write(directory.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
        for (String selector : selectors) {
            for (WebElement element : driver.findElements(org.openqa.selenium.By.cssSelector(selector))) {
                driver.executeScript("arguments[0].scrollIntoView()", element);
                Files.write(directory.resolve(name + "_" + selector.replaceAll("[^A-Za-z0-9_-]", "") + ".png"), element.getScreenshotAs(OutputType.BYTES));
            }
        }
    }

    /** The page loaded last, printed as Chromium prints it (its own @page size and margins, backgrounds on). */
    public byte[] printToPdf()
    {
        Map<String, Object> printed = driver.executeCdpCommand("Page.printToPDF", Map.of("printBackground", true, "preferCSSPageSize", true));
        return Base64.getDecoder().decode((String) printed.get("data"));
    }

    @Override
    public void close()
            throws IOException
    {
        driver.quit();
        org.apache.commons.io.FileUtils.deleteQuietly(profile.toFile());
    }
}

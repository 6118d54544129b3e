package dev.mcpauth.authserver.web.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium driven by Selenium, with the binary and the driver named explicitly so Selenium Manager never
 * looks for (or downloads) anything. Without them the test is skipped, except under {@code CI=true}, where
 * {@code .ci/run} installs them and their absence fails the test.
 */
public final class Browser implements AutoCloseable {

	/** Debian's {@code chromium}; {@code -Dbrowser.chromium=...} names another binary. */
	public static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));

	/** Debian's {@code chromium-driver}; {@code -Dbrowser.chromedriver=...} names another driver. */
	public static final Path CHROMEDRIVER = Path.of(
			System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));

	/** Where screenshots go; copies of them are committed under docs/images/. */
	public static final Path SCREENSHOTS = Path.of("target", "screenshots");

	private final ChromeDriver driver;

	private final Path profile;

	private Browser(ChromeDriver driver, Path profile) {
		this.driver = driver;
		this.profile = profile;
	}

	/** Starts a fresh browser with an empty profile at the given window size; skips when there is none. */
	public static Browser start(int width, int height) {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed && "true".equals(System.getenv("CI"))) {
			throw new AssertionError("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER
					+ " is missing: .ci/run installs Debian's chromium and chromium-driver");
		}
		Assumptions.assumeTrue(installed, "browser tests need " + CHROMIUM + " and " + CHROMEDRIVER);
		try {
			Path profile = Files.createTempDirectory("chromium-profile");
			ChromeOptions options = new ChromeOptions();
			options.setBinary(CHROMIUM.toFile());
			options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
					"--disable-background-networking", "--disable-component-update", "--disable-sync",
					"--disable-dev-shm-usage", "--lang=en-US", "--window-size=" + width + "," + height,
					"--user-data-dir=" + profile);
			ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
				.usingAnyFreePort()
				.build();
			ChromeDriver driver = new ChromeDriver(service, options);
			driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
			return new Browser(driver, profile);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static Browser start() {
		return start(1280, 900);
	}

	/** A phone-sized viewport (desktop windows cannot be made this narrow), through the DevTools protocol. */
	public void emulatePhone(int width, int height) {
		this.driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
				Map.of("width", width, "height", height, "deviceScaleFactor", 1, "mobile", true));
	}

	public void open(String url) {
		this.driver.get(url);
	}

	public String url() {
		return this.driver.getCurrentUrl();
	}

	public String title() {
		return this.driver.getTitle();
	}

	public WebElement find(String css) {
		return this.driver.findElement(By.cssSelector(css));
	}

	public boolean has(String css) {
		return !this.driver.findElements(By.cssSelector(css)).isEmpty();
	}

	public java.util.List<WebElement> all(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	public String text(String css) {
		return find(css).getText();
	}

	public void type(String css, String value) {
		WebElement field = find(css);
		field.clear();
		field.sendKeys(value);
	}

	public void click(String css) {
		find(css).click();
	}

	/** Waits until the current URL satisfies {@code condition} (after a form's redirects). */
	public String waitForUrl(Predicate<String> condition) {
		new WebDriverWait(this.driver, Duration.ofSeconds(20)).until((d) -> condition.test(d.getCurrentUrl()));
		return url();
	}

	public void waitFor(String css) {
		new WebDriverWait(this.driver, Duration.ofSeconds(20)).until((d) -> has(css));
	}

	/** Signs in on the login page the browser is on. */
	public void signIn(String username, String password) {
		waitFor("#username");
		type("#username", username);
		type("#password", password);
		click("#sign-in");
	}

	/** The whole page (not only the window) as a PNG under {@link #SCREENSHOTS}, through the DevTools protocol. */
	public Path screenshot(String name) {
		Map<String, Object> metrics = this.driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
		@SuppressWarnings("unchecked")
		Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
		double width = ((Number) content.get("width")).doubleValue();
		double height = ((Number) content.get("height")).doubleValue();
		Map<String, Object> shot = this.driver.executeCdpCommand("Page.captureScreenshot",
				Map.of("format", "png", "captureBeyondViewport", true, "clip",
						Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
		try {
			Files.createDirectories(SCREENSHOTS);
			Path target = SCREENSHOTS.resolve(name + ".png");
			Files.write(target, Base64.getDecoder().decode((String) shot.get("data")));
			return target;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.driver.quit();
		try (Stream<Path> files = Files.walk(this.profile)) {
			files.sorted(Comparator.reverseOrder()).forEach((p) -> p.toFile().delete());
		}
		catch (IOException ex) {
			// a leftover temporary profile is harmless
		}
	}

}

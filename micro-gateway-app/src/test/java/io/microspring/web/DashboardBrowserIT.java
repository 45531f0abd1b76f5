package io.microspring.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import io.microspring.gatewaytest.Cluster;
import io.microspring.gatewaytest.ClusterExtension;
import io.microspring.registry.Endpoint;
import io.microspring.registry.Node;
import io.microspring.registry.Registration;
import io.microspring.registry.Service;
import io.microspring.registry.Value;
import io.microspring.samples.greeterweb.GreeterWebApplication;

/**
 * The dashboard in a real browser: Debian's headless Chromium, driven through Debian's
 * chromedriver, against a running {@code micro web} beside the greeter. Without Chromium or its
 * driver the test fails. Screenshots of the pages land in {@code target/screenshots}.
 */
@ExtendWith(ClusterExtension.class)
class DashboardBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private static final Duration WAIT = Duration.ofSeconds(15);

    static ConfigurableApplicationContext greeterWeb;
    static Registration evil;
    static MicroWeb web;
    static ChromeDriver browser;
    static Cluster cluster;

    @BeforeAll
    static void start(Cluster shared) {
        cluster = shared;
        assertThat(CHROMIUM).as("Chromium (apt-get install chromium; scripts/install-servers.sh)").isExecutable();
        assertThat(CHROMEDRIVER).as("chromedriver (apt-get install chromium-driver; scripts/install-servers.sh)")
                .isExecutable();
        greeterWeb = cluster.startWebApp(GreeterWebApplication.class, WebApplicationType.REACTIVE,
                "server.address=127.0.0.1", "server.port=0", "micro.web.name=go.micro.web.greeter");
        evil = Registration.register(cluster.registry(), new Service("go.micro.srv.evil", "latest",
                Map.of("owner", "<script>window.pwned = 'service'</script>"),
                List.of(new Endpoint("Evil.Call", new Value("Request", "Request",
                        List.of(new Value("<img src=x onerror=\"window.pwned = 'field'\">", "string", List.of()))),
                        null, Map.of())),
                List.of(new Node("evil-1", "127.0.0.1:1", Map.of("note", "<script>alert('node')</script>")))),
                Duration.ofMinutes(5), Duration.ofMinutes(1));
        web = MicroWeb.start(cluster);
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                        "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--no-first-run", "--window-size=1200,900");
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (web != null) {
            web.close();
        }
        if (evil != null) {
            evil.close();
        }
        if (greeterWeb != null) {
            greeterWeb.close();
        }
    }

    @Test
    void theRegistryLeadsToTheGreeterAndItsSayHelloWithFieldName() throws IOException {
        browser.get(web.url("/registry"));
        browser.findElement(By.linkText("go.micro.srv.greeter")).click();
        By fields = By.xpath("//div[@class='endpoint'][h4[starts-with(normalize-space(.), 'Say.Hello')]]"
                + "//span[@class='field']");
        // the page swaps its sections in once its registry feed is open: read them again if they were swapped
        List<String> names = new WebDriverWait(browser, WAIT).ignoring(StaleElementReferenceException.class)
                .until(driver -> {
                    List<String> found = driver.findElements(fields).stream().map(WebElement::getText).toList();
                    return found.isEmpty() ? null : found;
                });
        assertThat(browser.getTitle()).startsWith("go.micro.srv.greeter");
        assertThat(names).containsExactly("name", "msg");
        screenshot("registry-service");
    }

    @Test
    void theCallFormSaysHelloToJohnAndItsPermalinkReproducesTheForm() throws IOException {
        browser.get(web.url("/client"));
        new Select(browser.findElement(By.name("service"))).selectByValue("go.micro.srv.greeter");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("option[value='Say.Hello']")));
        new Select(browser.findElement(By.name("endpoint"))).selectByValue("Say.Hello");
        WebElement request = browser.findElement(By.name("request"));
        assertThat(request.getDomProperty("value")).isEqualTo("{\n  \"name\" : \"\"\n}");

        request.clear();
        request.sendKeys("{\"name\": \"John\"}");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("response"), "Hello John"));
        assertThat(browser.findElement(By.id("response")).getText()).isEqualTo("{\n  \"msg\": \"Hello John\"\n}");
        assertThat(browser.findElement(By.id("status")).getText()).startsWith("200 OK in ").endsWith(" ms");
        assertThat(browser.findElement(By.id("micro-call")).getText())
                .isEqualTo("micro call 'go.micro.srv.greeter' 'Say.Hello' '{\"name\":\"John\"}'");
        assertThat(browser.findElement(By.id("curl")).getText()).isEqualTo("curl -s http://localhost:8080/rpc "
                + "-H 'Content-Type: application/json' -d "
                + "'{\"service\":\"go.micro.srv.greeter\",\"endpoint\":\"Say.Hello\","
                + "\"request\":{\"name\":\"John\"}}'");
        screenshot("client");

        String permalink = browser.getCurrentUrl();
        assertThat(permalink).contains("service=go.micro.srv.greeter", "endpoint=Say.Hello", "request=");
        browser.navigate().refresh();
        assertThat(new Select(browser.findElement(By.name("service"))).getFirstSelectedOption().getText())
                .isEqualTo("go.micro.srv.greeter");
        assertThat(new Select(browser.findElement(By.name("endpoint"))).getFirstSelectedOption().getText())
                .isEqualTo("Say.Hello");
        assertThat(browser.findElement(By.name("request")).getDomProperty("value")).isEqualTo("{\"name\": \"John\"}");
    }

    @Test
    void aStreamEndpointShowsItsMessagesAsTheyArriveAndABidirectionalOneTakesMore() throws IOException {
        browser.get(web.url("/client?service=go.micro.api.test&endpoint=Echo.Count"
                + "&request=%7B%22name%22%3A%22Ann%22%2C%22count%22%3A3%7D"));
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        wait.until(ExpectedConditions.textToBe(By.id("status"), "stream closed after 3 messages"));
        assertThat(browser.findElement(By.id("response")).getText()).isEqualTo(
                "{\"msg\":\"Hello Ann 1\"}\n{\"msg\":\"Hello Ann 2\"}\n{\"msg\":\"Hello Ann 3\"}");
        screenshot("client-stream");

        browser.get(web.url("/client?service=go.micro.api.test&endpoint=Echo.Chat"
                + "&request=%7B%22name%22%3A%22Ann%22%7D"));
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "streaming: 1 message"));
        WebElement request = browser.findElement(By.name("request"));
        request.clear();
        request.sendKeys("{\"name\": \"Bob\"}");
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "streaming: 2 messages"));
        assertThat(browser.findElement(By.id("response")).getText())
                .isEqualTo("{\"msg\":\"Hi Ann\"}\n{\"msg\":\"Hi Bob\"}");
        browser.findElement(By.id("close-stream")).click();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "stream closed after 2 messages"));
    }

    @Test
    void aServiceStartedWhileTheRegistryPageIsOpenAppearsWithoutAReload() {
        browser.get(web.url("/registry"));
        assertThat(browser.findElements(By.linkText("go.micro.srv.newcomer"))).isEmpty();
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true");
        Service newcomer = new Service("go.micro.srv.newcomer", "v2", Map.of(), List.of(),
                List.of(new Node("newcomer-1", "127.0.0.1:3", Map.of())));
        try (Registration registration = Registration.register(cluster.registry(), newcomer, Duration.ofMinutes(5),
                Duration.ofMinutes(1))) {
            WebElement link = new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                    By.linkText("go.micro.srv.newcomer")));
            WebElement row = link.findElement(By.xpath("ancestor::tr"));
            assertThat(row.findElements(By.tagName("td"))).extracting(WebElement::getText)
                    .containsExactly("go.micro.srv.newcomer", "v2", "1");
            assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded")).isEqualTo(true);
        }
    }

    @Test
    void aNodeStartedWhileTheServicePageIsOpenAppearsWithoutAReload() {
        Duration ttl = Duration.ofMinutes(5);
        Service first = new Service("go.micro.srv.growing", "latest", Map.of(), List.of(),
                List.of(new Node("growing-1", "127.0.0.1:4", Map.of())));
        try (Registration one = Registration.register(cluster.registry(), first, ttl, Duration.ofMinutes(1))) {
            browser.get(web.url("/registry?service=go.micro.srv.growing"));
            assertThat(browser.findElements(By.cssSelector("table.nodes tbody tr"))).hasSize(1);
            ((JavascriptExecutor) browser).executeScript("window.notReloaded = true");
            Service second = first.withNodes(List.of(new Node("growing-2", "127.0.0.1:5", Map.of())));
            try (Registration two = Registration.register(cluster.registry(), second, ttl, Duration.ofMinutes(1))) {
                new WebDriverWait(browser, WAIT).until(ExpectedConditions.numberOfElementsToBe(
                        By.cssSelector("table.nodes tbody tr"), 2));
                assertThat(browser.findElements(By.cssSelector("table.nodes tbody tr td:first-child")))
                        .extracting(WebElement::getText).containsExactlyInAnyOrder("growing-1", "growing-2");
                assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded")).isEqualTo(true);
            }
        }
    }

    @Test
    void theHomePageShowsTheGreeterAsATileThatReachesItThroughTheProxyWebsocketIncluded() throws IOException {
        browser.get(web.url("/"));
        WebElement tile = browser.findElement(By.cssSelector("a.tile"));
        assertThat(tile.getText()).isEqualTo("greeter");
        screenshot("home");
        tile.click();
        assertThat(browser.getCurrentUrl()).isEqualTo(web.url("/greeter/"));
        browser.get(web.url("/greeter/web/hello?name=John"));
        assertThat(browser.findElement(By.tagName("body")).getText()).isEqualTo("Hello John");
        Object echoed = ((JavascriptExecutor) browser).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const socket = new WebSocket(location.origin.replace('http', 'ws') + '/greeter/web/ws');
                socket.onopen = () => socket.send('echo through micro web');
                socket.onmessage = message => { done(message.data); socket.close(); };
                socket.onerror = () => done('websocket failed');
                """);
        assertThat(echoed).isEqualTo("echo through micro web");
    }

    @Test
    void scriptsInRegistryStringsAreShownAsTextAndNeverRun() throws IOException {
        browser.get(web.url("/registry?service=go.micro.srv.evil"));
        assertThat(browser.findElement(By.tagName("main")).getText())
                .contains("<script>window.pwned = 'service'</script>")
                .contains("<script>alert('node')</script>")
                .contains("<img src=x onerror=\"window.pwned = 'field'\">");
        assertThat(((JavascriptExecutor) browser).executeScript("return typeof window.pwned")).isEqualTo("undefined");
        assertNoAlert();
        screenshot("registry-escaped");

        browser.get(web.url("/client?service=go.micro.srv.evil&endpoint=Evil.Call"));
        assertThat(browser.findElement(By.name("request")).getDomProperty("value"))
                .isEqualTo("{\n  \"<img src=x onerror=\\\"window.pwned = 'field'\\\">\" : \"\"\n}");
        assertThat(((JavascriptExecutor) browser).executeScript("return typeof window.pwned")).isEqualTo("undefined");
        assertNoAlert();
    }

    @Test
    void theTerminalRunsListServicesAndShowsTheGreeterThenCallsIt() throws IOException {
        browser.get(web.url("/terminal"));
        ((JavascriptExecutor) browser).executeScript("window.notReloaded = true");
        WebDriverWait wait = new WebDriverWait(browser, WAIT);
        WebElement line = browser.findElement(By.name("line"));
        line.sendKeys("list services", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "go.micro.srv.greeter"));
        String listed = browser.findElement(By.id("transcript")).getText();
        assertThat(listed).contains("micro> list services\n");
        assertThat(listed.lines()).contains("go.micro.srv.greeter", "go.micro.web.greeter");

        line.sendKeys("call go.micro.srv.greeter Say.Hello {\"name\": \"John\"}", Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("transcript"), "Hello John"));
        assertThat(browser.findElement(By.id("transcript")).getText())
                .endsWith("micro> call go.micro.srv.greeter Say.Hello {\"name\": \"John\"}\n"
                        + "{\n  \"msg\" : \"Hello John\"\n}");
        assertThat(line.getDomProperty("value")).isEmpty();
        assertThat(((JavascriptExecutor) browser).executeScript("return window.notReloaded")).isEqualTo(true);
        screenshot("terminal");
    }

    @Test
    void behindTheBasicLoginTheTerminalWorksOnceTheBrowserHasLoggedIn() {
        try (MicroWeb guarded = MicroWeb.start(cluster, "micro.web.auth.basic.username=admin",
                "micro.web.auth.basic.password=secret")) {
            browser.get(guarded.url("/terminal").replace("http://", "http://admin:secret@"));
            WebElement line = browser.findElement(By.name("line"));
            line.sendKeys("list services", Keys.ENTER);
            new WebDriverWait(browser, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(
                    By.id("transcript"), "go.micro.srv.greeter"));
            assertThat(browser.findElement(By.id("transcript")).getText()).doesNotContain("401");
        }
    }

    @Test
    void theStatsPageShowsTheGreetersNodeHealthyWithItsFigures() throws IOException {
        browser.get(web.url("/stats"));
        browser.findElement(By.linkText("go.micro.srv.greeter")).click();
        WebElement health = new WebDriverWait(browser, WAIT).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("table.stats tbody td.healthy")));
        assertThat(health.getText()).isEqualTo("ok");
        List<WebElement> cells = browser.findElements(By.cssSelector("table.stats tbody tr:first-child td"));
        assertThat(cells).hasSize(10);
        assertThat(Long.parseLong(cells.get(6).getText())).as("threads").isPositive();
        screenshot("stats");
    }

    private static void assertNoAlert() {
        try {
            String text = browser.switchTo().alert().getText();
            throw new AssertionError("a script from the registry ran: alert '" + text + "'");
        } catch (NoAlertPresentException expected) {
            // nothing ran
        }
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    }
}

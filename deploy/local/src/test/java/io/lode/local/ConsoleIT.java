package io.lode.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import com.fasterxml.jackson.databind.JsonNode;

import io.lode.agents.a2a.A2aAgentServer;
import io.lode.agents.a2a.A2aAgentServer.SkillCard;
import io.lode.agents.arithmetic.ArithmeticSolver;

/**
 * The web console in a real browser (the system's Chromium, driven through its chromedriver; nothing is downloaded)
 * against a real local network: a question's answer streams in, survives a reload mid-stream with no gap and no
 * repeat, can be stopped and refunded; its receipt is checked in the page with WebCrypto and an altered one is
 * refused; a balance proof is checked against the epoch's published root; an agent's HTML and {@code javascript:}
 * links are shown inert. Screenshots of the pages are written under {@code target/console-screenshots/}.
 */
class ConsoleIT {

    private static final String STREAMING = "console-stream-echo";
    private static final String HOSTILE = "console-hostile-markdown";
    private static final String HOSTILE_ANSWER = "Here is **bold** text.\n\n<script>window.pwned = 1</script>\n\n"
            + "<img src=x onerror=\"window.pwned = 2\">\n\n[click me](javascript:window.pwned=3) and "
            + "[docs](https://lode.dev/docs)";
    private static final String TWIN = "console-twin";
    private static final String SUMS = "console-sums";
    private static final Path SCREENSHOTS = Path.of("target", "console-screenshots");

    @TempDir
    static Path dataDir;
    @TempDir
    static Path browserProfile;

    private static LocalNetwork network;
    private static GatewayClient gateway;
    private static TestAgents agents;
    private static String apiKey;
    private static String accountId;
    private static String calculator;
    private static ChromeDriver browser;
    private static volatile CountDownLatch midStream = new CountDownLatch(0);

    @BeforeAll
    static void start() throws Exception {
        Path repoRoot = Path.of(System.getProperty("lode.repo.root", "../..")).toAbsolutePath().normalize();
        network = LocalNetwork.start(LocalSettings.forTest(repoRoot, dataDir, 50_000_000, 1_000, "20s", Map.of()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        gateway = new GatewayClient(network.gatewayUrl());
        apiKey = gateway.newApiKey();
        accountId = gateway.json("GET", "/v1/accounts/me", apiKey, null, 200).path("accountId").asText();
        agents = new TestAgents(gateway);
        // a streaming agent (STREAM_UNFINISHED misbehaves only on a trigger word these questions never hold) that
        // stops between the halves of its answer until the test lets it go on
        TestAgents.Running streamer = agents.register("Console Streamer", new SkillCard(STREAMING, "Echo",
                        "Repeats the text it is sent", List.of(STREAMING), List.of()), 700, text -> "echo: " + text,
                A2aAgentServer.Misbehaviour.STREAM_UNFINISHED);
        streamer.server().pauseBetweenChunks(() -> {
            try {
                midStream.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        TestAgents.Running hostile = agents.register("Hostile Markdown", new SkillCard(HOSTILE, "Markdown",
                "Answers in Markdown", List.of(HOSTILE), List.of()), 700, text -> HOSTILE_ANSWER);
        // two agents of one skill, each on its own server, telling who answered
        List<TestAgents.Running> twins = new java.util.ArrayList<>();
        for (String name : List.of("alpha", "beta")) {
            twins.add(agents.register("Twin " + name, new SkillCard(TWIN, "Twin", "Says which twin it is",
                    List.of(TWIN), List.of()), 700, text -> name + ": " + text));
        }
        // a calculator, whose answers the verifier checks: it has verdicts, a reputation over time and earnings
        calculator = agents.register("Console Calculator", new SkillCard(SUMS, "Arithmetic sums",
                "Solves arithmetic questions exactly", List.of(SUMS), List.of()), 700, new ArithmeticSolver())
                .agentId();
        await().atMost(Duration.ofSeconds(90)).until(() -> agents.hasStatus(calculator, "ACTIVE")
                && agents.hasStatus(streamer.agentId(), "ACTIVE")
                && agents.hasStatus(hostile.agentId(), "ACTIVE")
                && twins.stream().allMatch(twin -> agents.hasStatus(twin.agentId(), "ACTIVE")));

        Path chromium = Path.of(System.getProperty("lode.chromium", "/usr/bin/chromium"));
        Path chromedriver = Path.of(System.getProperty("lode.chromedriver", "/usr/bin/chromedriver"));
        assertThat(Files.isExecutable(chromium) && Files.isExecutable(chromedriver))
                .as("the console's browser tests need Chromium and its chromedriver (Debian: apt-get install chromium "
                        + "chromium-driver; or -Dlode.chromium= and -Dlode.chromedriver=)").isTrue();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1280,900", "--user-data-dir=" + browserProfile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile())
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
        Files.createDirectories(SCREENSHOTS);
        signIn();
    }

    @AfterAll
    static void stop() {
        midStream.countDown();
        if (browser != null) {
            browser.quit();
        }
        if (agents != null) {
            agents.close();
        }
        if (network != null) {
            network.close();
        }
    }

    /** A failed test leaves a screenshot of where the browser was, and what the page said. */
    @org.junit.jupiter.api.extension.RegisterExtension
    static final org.junit.jupiter.api.extension.AfterTestExecutionCallback SCREENSHOT_ON_FAILURE = context -> {
        if (context.getExecutionException().isPresent() && browser != null) {
            String name = "failed-" + context.getRequiredTestMethod().getName();
            screenshot(name);
            Files.writeString(SCREENSHOTS.resolve(name + ".txt"), browser.getCurrentUrl() + "\n"
                    + browser.findElement(By.tagName("body")).getText());
        }
    };

    @BeforeEach
    void newConversation() {
        midStream.countDown();
        browser.get(network.gatewayUrl() + "/console/");
    }

    private static void signIn() throws Exception {
        browser.get(network.gatewayUrl() + "/");
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().endsWith("/console/sign-in"));
        screenshot("sign-in");
        browser.findElement(By.id("apiKey")).sendKeys(apiKey);
        browser.findElement(By.cssSelector("form[action='/console/sign-in'] button")).click();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> !browser.findElements(By.id("question")).isEmpty());
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            throw new AssertionError("not signed in: at " + browser.getCurrentUrl() + ": "
                    + browser.findElement(By.tagName("body")).getText(), e);
        }
    }

    private static void ask(String question, String skill) {
        WebElement skillField = browser.findElement(By.id("skill"));
        if (!skillField.isDisplayed()) {
            browser.findElement(By.cssSelector("details.options summary")).click();
        }
        skillField.clear();
        skillField.sendKeys(skill);
        WebElement box = browser.findElement(By.id("question"));
        // Shift+Enter is a new line in the question, Enter sends it
        String[] lines = question.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            box.sendKeys(i == 0 ? lines[i] : Keys.chord(Keys.SHIFT, Keys.ENTER) + lines[i]);
        }
        assertThat(box.getAttribute("value")).isEqualTo(question);
        box.sendKeys(Keys.ENTER);
        await().atMost(Duration.ofSeconds(10)).until(() -> box.getAttribute("value").isEmpty());
    }

    private static String lastTurnText(String selector) {
        List<WebElement> found = browser.findElements(By.cssSelector(".turn:last-child " + selector));
        return found.isEmpty() ? null : found.get(0).getText();
    }

    @Test
    void anAnswerStreamsInAndAReloadMidStreamGoesOnWithNoGapAndNoRepeat() throws Exception {
        midStream = new CountDownLatch(1);
        String question = "hello the console";
        String answer = "echo: " + question;
        String firstHalf = answer.substring(0, answer.length() / 2);
        ask(question, STREAMING);
        await().atMost(Duration.ofSeconds(30)).until(() -> firstHalf.equals(lastTurnText(".streaming")));
        screenshot("chat-streaming");
        String conversationUrl = browser.getCurrentUrl();
        assertThat(conversationUrl).contains("/console/?c=");

        browser.navigate().refresh();
        // the page puts back what was shown and follows the stream after its last event: the first half once
        await().atMost(Duration.ofSeconds(15)).until(() -> firstHalf.equals(lastTurnText(".streaming")));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3))
                .until(() -> firstHalf.equals(lastTurnText(".streaming")));

        midStream.countDown();
        await().atMost(Duration.ofSeconds(60)).until(() -> lastTurnText(".markdown.answer") != null);
        assertThat(lastTurnText(".markdown.answer")).isEqualTo(answer);
        assertThat(lastTurnText(".status")).isIn("COMPLETED", "HELD");
        assertThat(lastTurnText(".agent")).contains("Console Streamer");
        assertThat(lastTurnText(".verdict")).startsWith("PASS by");
        assertThat(lastTurnText(".cost")).contains("charged 0.0007 credits");
        assertThat(lastTurnText(".balance-after")).contains("credits available");
        screenshot("chat-answered");

        // the conversation is kept on the server: it is in the history and opens again
        browser.get(network.gatewayUrl() + "/console/");
        WebElement listed = browser.findElement(By.cssSelector(".history a[href*='?c=']"));
        assertThat(listed.getText()).isEqualTo("hello the console");
        listed.click();
        await().atMost(Duration.ofSeconds(10)).until(() -> lastTurnText(".markdown.answer") != null);
        assertThat(browser.getCurrentUrl()).isEqualTo(conversationUrl);
    }

    @Test
    void stoppingATaskCancelsItAndRefundsItsEscrow() {
        midStream = new CountDownLatch(1);
        ask("stop me please", STREAMING);
        await().atMost(Duration.ofSeconds(30)).until(() -> lastTurnText(".streaming") != null
                && !lastTurnText(".streaming").isEmpty());
        browser.findElement(By.cssSelector(".turn:last-child button.stop")).click();
        await().atMost(Duration.ofSeconds(30)).until(() -> "CANCELED".equals(lastTurnText(".status")));
        await().atMost(Duration.ofSeconds(30)).until(() -> lastTurnText(".cost") != null
                && lastTurnText(".cost").equals("charged nothing · refunded 1 credit"));
        screenshot("chat-stopped");
    }

    @Test
    void aRetryWithAnotherAgentGoesToAnotherAgentAndWhenNoneIsLeftFailsRefunded() throws Exception {
        ask("which twin are you", TWIN);
        await().atMost(Duration.ofSeconds(60)).until(() -> lastTurnText(".markdown.answer") != null);
        String first = lastTurnText(".markdown.answer");
        assertThat(first).isIn("alpha: which twin are you", "beta: which twin are you");
        int turns = browser.findElements(By.cssSelector(".turn")).size();

        browser.findElement(By.cssSelector(".turn:last-child button[data-action='retry-elsewhere']")).click();
        await().atMost(Duration.ofSeconds(60)).until(() -> browser.findElements(By.cssSelector(".turn")).size()
                == turns + 1 && lastTurnText(".markdown.answer") != null);
        String second = lastTurnText(".markdown.answer");
        assertThat(second).isIn("alpha: which twin are you", "beta: which twin are you").isNotEqualTo(first);
        screenshot("chat-retried-elsewhere");

        // again "with another agent": both twins are left out, so nobody may take it — refused and refunded
        browser.findElement(By.cssSelector(".turn:last-child button[data-action='retry-elsewhere']")).click();
        await().atMost(Duration.ofSeconds(60)).until(() -> browser.findElements(By.cssSelector(".turn")).size()
                == turns + 2 && "FAILED".equals(lastTurnText(".status")));
        assertThat(lastTurnText(".reason")).contains("besides the 2 excluded", "offers skill '" + TWIN + "'");
        await().atMost(Duration.ofSeconds(30)).until(() -> lastTurnText(".cost") != null
                && lastTurnText(".cost").equals("charged nothing · refunded 1 credit"));

        // the API refuses what is not a short list of agent ids, saying why
        HttpResponse<String> bad = gateway.send("POST", "/v1/tasks", apiKey, "{\"input\":\"q\",\"excludeAgents\":"
                + "[\"agt_not-an-id\"]}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("excludeAgents must hold agent ids");
    }

    @Test
    void aReceiptIsCheckedInThePageAndAnAlteredOneIsRefused() {
        ask("check my receipt", STREAMING);
        await().atMost(Duration.ofSeconds(60)).until(() -> !browser.findElements(
                By.cssSelector(".turn:last-child button[data-action='check-receipt']")).isEmpty());
        WebElement check = browser.findElement(By.cssSelector(".turn:last-child button[data-action='check-receipt']"));
        check.click();
        await().atMost(Duration.ofSeconds(15)).until(() -> lastTurnText(".check-result").startsWith("Valid"));
        assertThat(lastTurnText(".check-result")).contains("PASS");

        // the same receipt with its verdict's score raised: the signature no longer covers it
        ((JavascriptExecutor) browser).executeScript("const b = arguments[0]; const r = JSON.parse(b.dataset.receipt);"
                + " r.score = r.score / 2 + 0.01; b.dataset.receipt = JSON.stringify(r);", check);
        check.click();
        await().atMost(Duration.ofSeconds(15)).until(() -> lastTurnText(".check-result")
                .equals("Rejected: the signature does not match what the receipt claims."));
        // and one naming a key the verifier never published
        ((JavascriptExecutor) browser).executeScript("const b = arguments[0]; const r = JSON.parse(b.dataset.receipt);"
                + " r.verifierKey = 'A'.repeat(43); b.dataset.receipt = JSON.stringify(r);", check);
        check.click();
        await().atMost(Duration.ofSeconds(15)).until(() -> lastTurnText(".check-result")
                .startsWith("Rejected: signed with a key the verifier does not publish"));
        screenshot("chat-receipt-rejected");
    }

    @Test
    void anAgentsHtmlAndJavascriptLinksAreShownInert() {
        ask("show me\nsome markdown", HOSTILE);
        await().atMost(Duration.ofSeconds(60)).until(() -> lastTurnText(".markdown.answer") != null);
        WebElement answer = browser.findElement(By.cssSelector(".turn:last-child .markdown.answer"));
        assertThat(answer.findElements(By.tagName("script"))).isEmpty();
        assertThat(answer.findElements(By.tagName("img"))).isEmpty();
        assertThat(answer.findElement(By.tagName("strong")).getText()).isEqualTo("bold");
        assertThat(answer.getText()).contains("<script>window.pwned = 1</script>");
        List<WebElement> links = answer.findElements(By.tagName("a"));
        WebElement clickMe = links.stream().filter(a -> a.getText().equals("click me")).findFirst().orElseThrow();
        assertThat(clickMe.getAttribute("href")).isNull();
        clickMe.click();
        WebElement docs = links.stream().filter(a -> a.getText().equals("docs")).findFirst().orElseThrow();
        assertThat(docs.getAttribute("href")).isEqualTo("https://lode.dev/docs");
        assertThat(docs.getAttribute("rel")).contains("noopener");
        assertThat(((JavascriptExecutor) browser).executeScript("return window.pwned === undefined")).isEqualTo(true);
        screenshot("chat-untrusted-output");
    }

    @Test
    void myBalanceIsVerifiedAgainstTheEpochsPublishedRoot() throws Exception {
        // an epoch closes every 20 s on this network: wait for one that holds this account
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            HttpResponse<String> latest = gateway.send("GET", "/v1/epochs/latest", null, null);
            if (latest.statusCode() != 200) {
                return false;
            }
            long epoch = GatewayClient.JSON.readTree(latest.body()).path("epoch").asLong();
            return gateway.send("GET", "/v1/epochs/" + epoch + "/proofs/" + accountId, apiKey, null)
                    .statusCode() == 200;
        });
        browser.get(network.gatewayUrl() + "/console/epochs");
        WebElement verify = browser.findElement(By.cssSelector("button[data-action='verify-balance']"));
        String epoch = verify.getAttribute("data-epoch");
        verify.click();
        WebElement result = browser.findElement(By.cssSelector(".epoch .check-result"));
        await().atMost(Duration.ofSeconds(15)).until(() -> result.getText().startsWith("Valid"));
        assertThat(result.getText()).contains("epoch " + epoch);
        screenshot("epochs");

        // the page's own check refuses the same proof claiming one micro-unit more
        Object altered = ((JavascriptExecutor) browser).executeAsyncScript("const done = arguments[arguments.length - 1];"
                + "(async () => { const proof = await (await fetch('/console/epochs/" + epoch + "/proof')).json();"
                + " const root = (await (await fetch('/v1/epochs/" + epoch + "')).json()).merkleRoot;"
                + " const honest = await window.lode.proofHolds(proof, root);"
                + " proof.balance = proof.balance + 1;"
                + " done([honest, await window.lode.proofHolds(proof, root)]); })().catch(e => done(String(e)));");
        assertThat(altered).isEqualTo(List.of(true, false));
    }

    @Test
    void theExplorerFindsAnAgentByWhatItDoesAndShowsItsExamsVerdictsReputationAndEarnings() throws Exception {
        browser.get(network.gatewayUrl() + "/console/agents");
        browser.findElement(By.id("q")).sendKeys("repeat my words back to me");
        browser.findElement(By.cssSelector("form.filters button")).click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getCurrentUrl().contains("q="));
        WebElement first = browser.findElement(By.cssSelector("table.agents tbody tr td a"));
        assertThat(first.getText()).isEqualTo("Console Streamer");
        first.click();
        await().atMost(Duration.ofSeconds(10)).until(() -> browser.getTitle().startsWith("Console Streamer"));
        assertThat(browser.findElement(By.tagName("main")).getText()).contains("ACTIVE", "Echo", "Exams");
        screenshot("agent");

        // the calculator, once it has been paid for a checked answer: its verdicts, its reputation drawn over time,
        // and its earnings, as the verifier, the registry and the ledger say them
        String agentId = calculator;
        JsonNode task = gateway.json("POST", "/v1/tasks?wait=verified", apiKey, "{\"input\":\"What is 17 + 25?\","
                + "\"skill\":\"" + SUMS + "\"}", 200);
        assertThat(task.at("/result/agentId").asText()).isEqualTo(agentId);
        assertThat(task.at("/verdict/verdict").asText()).isEqualTo("PASS");
        browser.get(network.gatewayUrl() + "/console/agents/" + agentId);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            browser.navigate().refresh();
            return gateway.json("GET", "/v1/ledger/earnings/" + agentId, null, null, 200).at("/total/tasksPaid")
                    .asLong() >= 1 && !browser.findElements(By.cssSelector(".reputation-history svg polyline")).isEmpty()
                    && browser.findElement(By.cssSelector(".earnings .work")).getText().matches(".* for [1-9][0-9]* tasks");
        });
        JsonNode earnings = gateway.json("GET", "/v1/ledger/earnings/" + agentId, null, null, 200);
        JsonNode verdicts = gateway.json("GET", "/v1/verifier/verdicts/" + agentId, null, null, 200);
        assertThat(browser.findElement(By.cssSelector(".earnings .work")).getText()).endsWith(" for "
                + earnings.at("/total/tasksPaid").asLong() + " tasks");
        // (a honeypot may land between the page and this read: the counts only grow)
        assertThat(verdicts.at("/overall/verdicts").asLong()).isPositive();
        assertThat(browser.findElement(By.cssSelector(".verdicts .overall")).getText())
                .matches("[1-9][0-9]* verdicts: [1-9][0-9]* passed, 0 failed · score 0\\.[0-9]{2}.*");
        assertThat(browser.findElement(By.cssSelector(".reputation-history svg")).getAttribute("aria-label"))
                .startsWith("Reputation from ");
        ((JavascriptExecutor) browser).executeScript("document.querySelector('.reputation-history').scrollIntoView()");
        screenshot("agent-verdicts-reputation-earnings");
    }

    @Test
    void theNetworkViewShowsRecentTasksTheirVerdictsAndTheAgents() throws Exception {
        gateway.json("POST", "/v1/tasks?wait=verified", apiKey, "{\"input\":\"count me\",\"skill\":\""
                + HOSTILE + "\"}", 200);
        browser.get(network.gatewayUrl() + "/console/network");
        long lastHour = Long.parseLong(browser.findElement(By.cssSelector(".last-hour")).getText());
        assertThat(lastHour).isGreaterThanOrEqualTo(1);
        assertThat(count("table.by-verdict", "PASS")).isGreaterThanOrEqualTo(1);
        assertThat(count("table.agents-by-status", "ACTIVE")).isGreaterThanOrEqualTo(2);
        // the page shows what the API says (consumer tasks only: the agents' exams are not among them)
        JsonNode activity = gateway.json("GET", "/v1/tasks/activity?windowSeconds=3600", apiKey, null, 200);
        assertThat(activity.path("submitted").asLong()).isEqualTo(lastHour);
        assertThat(activity.path("byVerdict").path("PASS").asLong()).isEqualTo(count("table.by-verdict", "PASS"));
        screenshot("network");

        // and the latest epochs, newest first (one closes every 20 s here)
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            browser.navigate().refresh();
            return browser.findElements(By.cssSelector("table.latest-epochs tbody tr")).size() >= 2;
        });
        List<Long> shown = browser.findElements(By.cssSelector("table.latest-epochs tbody tr td:first-child"))
                .stream().map(td -> Long.parseLong(td.getText())).toList();
        long latest = gateway.json("GET", "/v1/epochs/latest", null, null, 200).path("epoch").asLong();
        assertThat(shown).isSortedAccordingTo(java.util.Comparator.reverseOrder()).hasSizeLessThanOrEqualTo(3);
        assertThat(shown.get(0)).isBetween(latest - 1, latest);
    }

    private static long count(String table, String name) {
        return browser.findElements(By.cssSelector(table + " tbody tr")).stream()
                .filter(row -> row.findElement(By.tagName("td")).getText().equals(name))
                .mapToLong(row -> Long.parseLong(row.findElements(By.tagName("td")).get(1).getText()))
                .findFirst().orElse(0);
    }

    @Test
    void theConsoleRefusesForgedRequestsAndServesAStrictPolicy() throws Exception {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
        URI base = URI.create(network.gatewayUrl());
        HttpResponse<String> anonymous = http.send(HttpRequest.newBuilder(base.resolve("/console/")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(303);
        assertThat(anonymous.headers().firstValue("Location")).hasValue("/console/sign-in");
        assertThat(anonymous.headers().firstValue("Content-Security-Policy")).get().asString()
                .contains("script-src 'self'", "frame-ancestors 'none'").doesNotContain("unsafe-inline");

        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(base.resolve("/console/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("apiKey=" + apiKey)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(signedIn.statusCode()).isEqualTo(303);
        String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).containsIgnoringCase("HttpOnly").contains("SameSite=Strict").doesNotContain(apiKey);
        String session = cookie.substring(0, cookie.indexOf(';'));

        String task = "{\"input\":\"forged\",\"messageId\":\"forged-message-1\"}";
        HttpResponse<String> noToken = http.send(HttpRequest.newBuilder(base.resolve("/console/tasks"))
                .header("Cookie", session).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(task)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(noToken.statusCode()).isEqualTo(403);
        assertThat(noToken.body()).contains("csrf-token-mismatch");
        HttpResponse<String> otherSite = http.send(HttpRequest.newBuilder(base.resolve("/console/tasks"))
                .header("Cookie", session).header("Origin", "https://evil.example")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(task)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(otherSite.statusCode()).isEqualTo(403);
        assertThat(otherSite.body()).contains("cross-site-request");

        HttpResponse<String> wrongKey = http.send(HttpRequest.newBuilder(base.resolve("/console/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("apiKey=lode_not-a-key")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(wrongKey.statusCode()).isEqualTo(401);
        assertThat(wrongKey.body()).contains("That API key is unknown or revoked.");
    }

    private static void screenshot(String name) {
        try {
            Files.write(SCREENSHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}

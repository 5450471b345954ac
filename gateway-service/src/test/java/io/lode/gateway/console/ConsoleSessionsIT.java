package io.lode.gateway.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.lode.gateway.NobodyBehind;
import io.lode.testsupport.infra.LodeServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * The console's sign-ins against the gateway's real database: a session lives while the key it was opened with is
 * the account's live key (rotating or revoking it signs every browser out), signing out ends it, and a change
 * needs the session's CSRF token and this site's origin. No service is behind the gateway here: the pages render
 * without what the backends would add.
 */
@QuarkusTest
@TestProfile(NobodyBehind.class)
@QuarkusTestResource(value = LodeServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "gateway"))
class ConsoleSessionsIT {

    private static final Pattern CSRF = Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

    @Test
    void rotatingTheKeySignsTheBrowserOutAndTheNewKeySignsItIn() {
        String key = newKey();
        String session = signIn(key);
        chat(session).then().statusCode(200).body(containsString("Ask the network"));

        String rotated = given().header("Authorization", "Bearer " + key).post("/v1/accounts/me/key").then()
                .statusCode(200).extract().path("apiKey");
        chat(session).then().statusCode(303).header("Location", "/console/sign-in");

        String again = signIn(rotated);
        chat(again).then().statusCode(200);
        given().header("Authorization", "Bearer " + rotated).delete("/v1/accounts/me/key").then().statusCode(204);
        chat(again).then().statusCode(303).header("Location", "/console/sign-in");
    }

    @Test
    void signingOutEndsTheSessionAndClearsTheCookie() {
        String session = signIn(newKey());
        String csrf = csrf(session);
        Response out = given().redirects().follow(false).cookie("lode_console", session)
                .contentType("application/x-www-form-urlencoded").formParam("csrf", csrf).post("/console/sign-out");
        out.then().statusCode(303).header("Location", "/console/sign-in");
        assertThat(out.getHeader("Set-Cookie")).contains("lode_console=", "Max-Age=0");
        chat(session).then().statusCode(303);
    }

    @Test
    void anAccountHoldsAtMostTwentySignInsAndANewOneEndsTheOldest() {
        String key = newKey();
        String oldest = signIn(key);
        String second = signIn(key);
        for (int i = 2; i < ConsoleSessions.PER_ACCOUNT; i++) {
            signIn(key);
        }
        chat(oldest).then().statusCode(200);
        signIn(key);
        chat(oldest).then().statusCode(303);
        chat(second).then().statusCode(200);
    }

    @Test
    void aChangeNeedsTheSessionsCsrfTokenAndThisSitesOrigin() {
        String session = signIn(newKey());
        String csrf = csrf(session);
        String task = "{\"input\":\"hello\",\"messageId\":\"message-0001\"}";
        given().cookie("lode_console", session).contentType("application/json").body(task).post("/console/tasks")
                .then().statusCode(403).body("type", endsWith("/csrf-token-mismatch"));
        given().cookie("lode_console", session).header("X-CSRF-Token", csrf(signIn(newKey())))
                .contentType("application/json").body(task).post("/console/tasks")
                .then().statusCode(403).body("type", endsWith("/csrf-token-mismatch"));
        given().cookie("lode_console", session).header("X-CSRF-Token", csrf).header("Origin", "https://evil.example")
                .contentType("application/json").body(task).post("/console/tasks")
                .then().statusCode(403).body("type", endsWith("/cross-site-request"));
        given().cookie("lode_console", session).header("X-CSRF-Token", csrf).header("Sec-Fetch-Site", "cross-site")
                .contentType("application/json").body(task).post("/console/tasks")
                .then().statusCode(403).body("type", endsWith("/cross-site-request"));
        // a sign-in posted from another site (login CSRF) is refused too
        given().redirects().follow(false).header("Origin", "https://evil.example")
                .contentType("application/x-www-form-urlencoded").formParam("apiKey", newKey())
                .post("/console/sign-in").then().statusCode(403);
        // with both, the request reaches the API (which, with no orchestrator behind the gateway, is unavailable)
        given().cookie("lode_console", session).header("X-CSRF-Token", csrf).contentType("application/json")
                .body(task).post("/console/tasks").then().statusCode(503);
    }

    @Test
    void withoutASessionPagesLeadToTheSignInAndCallsAre401() {
        given().redirects().follow(false).accept("text/html").get("/console/").then().statusCode(303)
                .header("Location", "/console/sign-in");
        given().redirects().follow(false).cookie("lode_console", "made-up").accept("text/html").get("/console/agents")
                .then().statusCode(303);
        given().accept("application/json").get("/console/tasks/tsk_0/turn").then().statusCode(401)
                .body("type", endsWith("/not-signed-in"));
        given().redirects().follow(false).get("/").then().statusCode(303).header("Location", "/console/");
    }

    private static String newKey() {
        return given().post("/v1/accounts").then().statusCode(201).extract().path("apiKey");
    }

    private static String signIn(String key) {
        Response signedIn = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("apiKey", key).post("/console/sign-in");
        signedIn.then().statusCode(303).header("Location", "/console/");
        String cookie = signedIn.getCookie("lode_console");
        assertThat(cookie).isNotBlank().doesNotContain(key);
        return cookie;
    }

    private static Response chat(String session) {
        return given().redirects().follow(false).accept("text/html").cookie("lode_console", session).get("/console/");
    }

    private static String csrf(String session) {
        Matcher found = CSRF.matcher(chat(session).then().statusCode(200).extract().asString());
        assertThat(found.find()).isTrue();
        return found.group(1);
    }
}

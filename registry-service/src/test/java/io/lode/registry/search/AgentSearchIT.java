package io.lode.registry.search;

import static io.lode.registry.TestAgents.client;
import static io.lode.registry.TestAgents.register;
import static io.lode.registry.TestAgents.skill;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.lode.agents.a2a.A2aAgentServer.SkillCard;
import io.lode.registry.TestAgents;
import io.lode.registry.TestAgents.Agent;
import io.lode.testsupport.infra.LodeServiceTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Discovery through the real registry: 24 agents with distinct skills register (their cards fetched, skills
 * embedded, events through the broker into the search index), then free-text search ranks by meaning.
 */
@QuarkusTest
@QuarkusTestResource(value = LodeServiceTestResource.class, initArgs = @ResourceArg(name = "database", value = "registry"))
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AgentSearchIT {

    private static final List<SkillCard> SKILLS = List.of(
            skill("arithmetic", "Arithmetic", "Evaluates arithmetic expressions: addition, subtraction, "
                    + "multiplication and division of numbers", "math", "calculator"),
            skill("translate-fr-en", "French to English translation", "Translates French text into English",
                    "language", "translation"),
            skill("summarise", "Summariser", "Condenses a long document into a short summary", "text"),
            skill("sentiment", "Sentiment analysis", "Tells whether a review is positive or negative", "nlp"),
            skill("weather", "Weather forecast", "Forecasts tomorrow's weather for a city", "weather"),
            skill("sql", "SQL generator", "Writes SQL queries from a question about a database", "code"),
            skill("regex", "Regular expressions", "Builds a regular expression matching given strings", "code"),
            skill("poetry", "Poet", "Writes short poems and haiku about a theme", "creative"),
            skill("recipes", "Cooking recipes", "Suggests a recipe from the ingredients in your fridge", "food"),
            skill("chess", "Chess coach", "Suggests the best next move in a chess position", "games"),
            skill("spell", "Spell checker", "Corrects spelling mistakes in English text", "language"),
            skill("entities", "Entity extraction", "Finds names of people, places and organisations in text",
                    "nlp", "extraction"),
            skill("dates", "Date parser", "Turns phrases like 'next Friday' into calendar dates", "time"),
            skill("units", "Unit converter", "Converts between metric and imperial units of length and weight",
                    "conversion"),
            skill("currency", "Currency rates", "Quotes exchange rates between currencies", "finance"),
            skill("legal", "Contract review", "Flags risky clauses in a legal contract", "legal"),
            skill("medical", "Symptom triage", "Suggests how urgent a set of symptoms is", "health"),
            skill("music", "Chord finder", "Names the chords of a song", "music"),
            skill("geo", "Geocoder", "Finds the latitude and longitude of a street address", "maps"),
            skill("classify", "Topic classifier", "Labels a news article with its topic: sport, politics, "
                    + "business or science", "nlp", "classification"),
            skill("keywords", "Keyword extractor", "Lists the key terms of a document", "nlp", "extraction"),
            skill("haiku-critic", "Haiku critic", "Judges whether a poem follows the 5-7-5 haiku form", "creative"),
            skill("json", "JSON fixer", "Repairs malformed JSON documents", "code"),
            skill("password", "Password strength", "Rates how strong a password is", "security"));

    private final TestAgents agents = new TestAgents();
    private final List<Agent> registered = new ArrayList<>();

    /** Once per class, but after Quarkus has pointed the HTTP client at the application (it does so per test). */
    @BeforeEach
    void registerAgents() throws Exception {
        if (!registered.isEmpty()) {
            return;
        }
        for (SkillCard skill : SKILLS) {
            Agent agent = agents.start(skill.id() + "-agent", skill);
            register(agent.registration(skill.id().equals("arithmetic") ? 500 : 1_000)).then().statusCode(202);
            registered.add(agent);
        }
        // The index follows lode.agents, so an agent is found once its AgentRegistered event has gone round.
        await().atMost(Duration.ofSeconds(30)).until(() -> registered.stream().allMatch(a ->
                search("limit=100&skill=" + skillOf(a)).getList("items.agentId").contains(a.agentId())));
    }

    @AfterAll
    void stopAgents() {
        agents.close();
    }

    @Test
    void theArithmeticAgentComesFirstForMultiplyTwoNumbers() {
        JsonPath found = search("q=multiply two numbers&status=PENDING&limit=5");
        assertThat(found.getString("items[0].name")).isEqualTo("arithmetic-agent");
        assertThat(found.getFloat("items[0].score")).isGreaterThan(found.getFloat("items[1].score"));
    }

    @Test
    void meaningNotWordsDecides() {
        assertThat(search("q=what will the weather be like in Paris&status=PENDING&limit=1").getString("items[0].name"))
                .isEqualTo("weather-agent");
        assertThat(search("q=is this film review favourable?&status=PENDING&limit=1").getString("items[0].name"))
                .isEqualTo("sentiment-agent");
        assertThat(search("q=pull out the people and companies mentioned&status=PENDING&limit=1").getString("items[0].name"))
                .isEqualTo("entities-agent");
    }

    @Test
    void filtersBySkillTagAndPrice() {
        List<String> nlp = search("skill=nlp&limit=100").getList("items.name");
        assertThat(nlp).contains("sentiment-agent", "entities-agent", "classify-agent", "keywords-agent")
                .doesNotContain("weather-agent");
        assertThat(search("skill=arithmetic&maxPrice=500&limit=100").getList("items.name"))
                .containsExactly("arithmetic-agent");
        assertThat(search("skill=sentiment&maxPrice=999&limit=100").getList("items.name")).isEmpty();
        assertThat(search("status=ACTIVE&skill=nlp").getList("items")).isEmpty();
    }

    @Test
    void pagesFollowTheCursorWithoutRepeatsOrGaps() {
        Set<String> seen = new HashSet<>();
        List<String> order = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            JsonPath page = search("q=text processing&limit=7" + (cursor == null ? "" : "&cursor=" + cursor));
            List<String> ids = page.getList("items.agentId");
            order.addAll(ids);
            seen.addAll(ids);
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null && pages < 100);
        assertThat(order).hasSameSizeAs(seen).hasSizeGreaterThanOrEqualTo(SKILLS.size());
        assertThat(registered.stream().map(Agent::agentId)).allMatch(seen::contains);
        List<Float> scores = new ArrayList<>();
        JsonPath all = search("q=text processing&limit=100");
        scores.addAll(all.getList("items.score", Float.class));
        assertThat(scores).isSortedAccordingTo((a, b) -> Float.compare(b, a));
        assertThat(order).containsExactlyElementsOf(all.getList("items.agentId"));
    }

    @Test
    void badSearchParametersAreProblems() {
        client().get("/v1/agents?limit=0").then().statusCode(400).contentType("application/problem+json");
        client().get("/v1/agents?status=SLEEPING").then().statusCode(400).contentType("application/problem+json");
        client().get("/v1/agents?cursor=bm9wZQ").then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://lode.dev/problems/bad-parameter"));
        client().get("/v1/agents?q=" + "x".repeat(501)).then().statusCode(400);
        client().get("/v1/agents?maxPrice=lots").then().statusCode(400).contentType("application/problem+json");
    }

    private String skillOf(Agent agent) {
        return SKILLS.get(registered.indexOf(agent)).id();
    }

    private static JsonPath search(String query) {
        return client().get("/v1/agents?" + query).then().statusCode(200).extract().jsonPath();
    }
}

package io.lode.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class RequestsTest {

    private static final String ARTICLE = "From next January, online marketplaces will have to collect VAT at the "
            + "point of sale. The change is meant to close a gap that the tax authority estimates costs millions a "
            + "year, and sellers must keep records of every transaction for ten years. Consumer groups have welcomed "
            + "the move. Accountants say small sellers should check their contracts now.";

    @Test
    void anInstructionAfterALongTextIsARequestAndTheTextIsNot() {
        Requests.Request request = Requests.of(ARTICLE + "\n\nCan you give me a short summary of the article above?");
        assertThat(request.requests()).contains("Can you give me a short summary of the article above?")
                .noneMatch(r -> r.contains("Consumer groups"));
    }

    @Test
    void anInstructionBeforeAColonIsARequestWhateverFollowsIt() {
        Requests.Request request = Requests.of("Summarise this: " + ARTICLE);
        assertThat(request.requests()).first().isEqualTo("Summarise this:");
    }

    @Test
    void codeBlocksAndDataAreMaterialNamedByTheirKind() {
        Requests.Request request = Requests.of("```js\nfunction f(x) {\n  return x.y.z;\n}\n```\n\nWhat's wrong "
                + "with this?\n\nname,city\nAna,Porto\nBen,Leeds\n");
        assertThat(request.material()).containsExactly("js code", "data");
        assertThat(request.requests()).contains("What's wrong with this?").noneMatch(r -> r.contains("return"));
    }

    @Test
    void aQuotedPassageIsSetAsideFromItsQuestion() {
        Requests.Request request = Requests.of("Is this review positive or negative? \"Stopped working after a week "
                + "and customer support never replied to my emails.\"");
        assertThat(request.material()).containsExactly("quoted text");
        assertThat(request.requests()).noneMatch(r -> r.contains("customer support"));
        assertThat(request.requests()).contains("Is this review positive or negative?");
    }

    @Test
    void theWholeTaskIsComparedFirstThenEachRequestOnce() {
        String input = "convert 5 miles to km";
        assertThat(Requests.of(input).texts(input)).containsExactly(input);
        String longer = ARTICLE + "\n\nPull out the key terms so we can index this abstract.";
        assertThat(Requests.of(longer).texts(longer)).first().isEqualTo(longer);
        assertThat(Requests.of(longer).texts(longer)).hasSizeBetween(2, 1 + Requests.MAX_REQUESTS);
    }

    @Test
    void needsJoinedByThenAreToldApart() {
        Requests.Request request = Requests.of("Translate this letter into French and then summarise it in two "
                + "lines.");
        assertThat(request.needs()).containsExactly(List.of("Translate this letter into French",
                "summarise it in two lines."));
        assertThat(Requests.of("Summarise this article in two sentences.").needs()).isEmpty();
    }

    @Test
    void aLongChainOfThensIsBoundedToAFewNeeds() {
        String chain = "Please " + String.join(" and then ", java.util.Collections.nCopies(40, "count the words"));
        assertThat(Requests.of(chain).needs()).singleElement()
                .satisfies(parts -> assertThat(parts).hasSize(Requests.MAX_NEEDS));
    }

    @Test
    void aHugeInputOfUnclosedQuotesIsReadOnlyAtItsEndsAndNeverQuadratically() {
        String hostile = "«".repeat(128 * 1024) + " what is this?" + "“".repeat(128 * 1024);
        // a guard against catastrophic backtracking (minutes, not a timing): the bound is far above any real cost
        Requests.Request request = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
                java.time.Duration.ofSeconds(10), () -> Requests.of(hostile));
        assertThat(request.requests()).allSatisfy(r -> assertThat(r.length()).isLessThanOrEqualTo(Requests.MAX_READ + 2));
        String longTail = "x ".repeat(100_000) + "\n\nCan you summarise the text above?";
        assertThat(Requests.of(longTail).requests()).contains("Can you summarise the text above?");
    }

    @Test
    void invisibleOrEmptyInputAsksNothing() {
        assertThat(Requests.of("\u200B\u200B").requests()).isEmpty();
        assertThat(Requests.of(null).requests()).isEmpty();
    }
}

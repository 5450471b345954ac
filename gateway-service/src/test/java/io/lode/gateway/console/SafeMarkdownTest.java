package io.lode.gateway.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SafeMarkdownTest {

    @Test
    void markdownBecomesHtml() {
        assertThat(SafeMarkdown.toHtml("**bold** and `code`\n\n- one\n- two"))
                .contains("<strong>bold</strong>", "<code>code</code>", "<li>one</li>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"<script>alert(1)</script>", "<img src=x onerror=alert(1)>",
            "<a href=\"javascript:alert(1)\">x</a>", "<iframe src=\"https://evil.example\"></iframe>",
            "<svg onload=alert(1)>", "<div style=\"background:url(javascript:alert(1))\">x</div>"})
    void htmlInAnAnswerIsShownAsText(String html) {
        String rendered = SafeMarkdown.toHtml("before " + html + " after");
        assertThat(rendered).doesNotContain("<script", "<img", "<iframe", "<svg", "<div", "<a ");
        assertThat(rendered).contains("&lt;");
    }

    @ParameterizedTest
    @ValueSource(strings = {"javascript:alert(1)", "JavaScript:alert(1)", "data:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox(1)", "  javascript:alert(1)"})
    void linksAndImagesToUnsafeAddressesLoseThem(String address) {
        String rendered = SafeMarkdown.toHtml("[click](" + address.strip() + ") ![pic](" + address.strip() + ")");
        assertThat(rendered.toLowerCase()).doesNotContain("javascript:", "data:text", "vbscript:");
    }

    @Test
    void safeLinksStayAndCannotReachTheOpener() {
        assertThat(SafeMarkdown.toHtml("[docs](https://lode.dev/docs)"))
                .contains("href=\"https://lode.dev/docs\"", "rel=\"nofollow noopener noreferrer\"");
    }
}

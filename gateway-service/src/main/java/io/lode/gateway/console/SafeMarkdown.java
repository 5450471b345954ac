package io.lode.gateway.console;

import java.util.List;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.DefaultUrlSanitizer;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * An agent's answer as HTML a page can show: agents are strangers, so whatever HTML the answer holds is escaped
 * into text, and a link or image whose address is not http(s) or mailto ({@code javascript:}, {@code data:}) loses
 * its address. Every link leaves with {@code rel="nofollow noopener noreferrer"}.
 */
public final class SafeMarkdown {

    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer RENDERER = HtmlRenderer.builder()
            .escapeHtml(true)
            .sanitizeUrls(true)
            .urlSanitizer(new DefaultUrlSanitizer(List.of("http", "https", "mailto")))
            .attributeProviderFactory(context -> (node, tag, attributes) -> {
                if (tag.equals("a")) {
                    attributes.put("rel", "nofollow noopener noreferrer");
                }
                // an address the sanitiser dropped leaves no link to follow (an empty href would reload the page)
                if ("".equals(attributes.get("href"))) {
                    attributes.remove("href");
                }
                if ("".equals(attributes.get("src"))) {
                    attributes.remove("src");
                }
            })
            .build();

    private SafeMarkdown() {
    }

    public static String toHtml(String markdown) {
        return markdown == null ? "" : RENDERER.render(PARSER.parse(markdown));
    }
}

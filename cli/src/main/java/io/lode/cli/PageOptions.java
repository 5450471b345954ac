package io.lode.cli;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;
import picocli.CommandLine.Option;

/** The options of a listing (the API's one paging style, {@code ?cursor=&limit=} → {@code {items, nextCursor}}). */
final class PageOptions {

    @Option(names = "--limit", defaultValue = "20", description = "Items a page (1-100, default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--cursor", description = "Continue after the page that printed this cursor.")
    String cursor;

    /** Says on stderr how to get the next page, if there is one. */
    static void printMore(CommandLine.Model.CommandSpec spec, JsonNode page, String command) {
        if (page.hasNonNull("nextCursor")) {
            spec.commandLine().getErr().println("more: " + command + " --cursor " + page.path("nextCursor").asText());
        }
    }
}

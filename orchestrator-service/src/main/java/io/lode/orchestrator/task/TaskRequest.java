package io.lode.orchestrator.task;

import java.util.ArrayList;
import java.util.List;

/**
 * What a consumer asks for, as sent. {@link #validate} returns every problem at once so the consumer can fix
 * the request in one go; fields left out take the service's defaults.
 */
public record TaskRequest(String input, String skill, Long maxPrice, Integer redundancy, Long deadlineMs) {

    public static final int MAX_INPUT_CHARS = 16_384;
    public static final int MAX_SKILL_CHARS = 128;
    public static final long MIN_DEADLINE_MS = 1_000;
    public static final long MAX_DEADLINE_MS = 120_000;
    public static final int MAX_REDUNDANCY = 5;

    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (input == null || input.isBlank()) {
            problems.add("input is required and must not be blank");
        } else if (input.length() > MAX_INPUT_CHARS) {
            problems.add("input has " + input.length() + " characters; the limit is " + MAX_INPUT_CHARS);
        }
        if (skill != null && (skill.isBlank() || skill.length() > MAX_SKILL_CHARS)) {
            problems.add("skill must be 1.." + MAX_SKILL_CHARS + " characters");
        }
        if (maxPrice != null && maxPrice <= 0) {
            problems.add("maxPrice must be a positive number of micro-units");
        }
        if (redundancy != null && (redundancy < 1 || redundancy > MAX_REDUNDANCY)) {
            problems.add("redundancy must be between 1 and " + MAX_REDUNDANCY);
        }
        if (deadlineMs != null && (deadlineMs < MIN_DEADLINE_MS || deadlineMs > MAX_DEADLINE_MS)) {
            problems.add("deadlineMs must be between " + MIN_DEADLINE_MS + " and " + MAX_DEADLINE_MS);
        }
        return problems;
    }
}

package io.lode.orchestrator.task;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import io.lode.identity.AgentId;
import io.lode.semantics.Texts;

/**
 * What a consumer asks for, as sent. {@link #validate} returns every problem at once so the consumer can fix
 * the request in one go; fields left out take the service's defaults.
 */
public record TaskRequest(String input, String skill, Long maxPrice, Integer redundancy, Long deadlineMs,
                          List<String> excludeAgents) {

    public static final int MAX_INPUT_CHARS = 16_384;
    public static final int MAX_SKILL_CHARS = 128;
    public static final long MIN_DEADLINE_MS = 1_000;
    public static final long MAX_DEADLINE_MS = 120_000;
    public static final int MAX_REDUNDANCY = 5;
    /** A billion credits: far above any price, and far below where maxPrice × redundancy could overflow. */
    public static final long MAX_PRICE = 1_000_000_000_000_000L;
    /** More than a retry "with another agent" ever needs, few enough that routing never scans a long list. */
    public static final int MAX_EXCLUDED_AGENTS = 16;

    public TaskRequest {
        excludeAgents = excludeAgents == null ? List.of() : excludeAgents;
    }

    public TaskRequest(String input, String skill, Long maxPrice, Integer redundancy, Long deadlineMs) {
        this(input, skill, maxPrice, redundancy, deadlineMs, List.of());
    }

    public List<String> validate() {
        List<String> problems = new ArrayList<>();
        if (input == null || Texts.invisible(input)) {
            problems.add("input is required and must show something (not only spaces or zero-width characters)");
        } else if (input.length() > MAX_INPUT_CHARS) {
            problems.add("input has " + input.length() + " characters; the limit is " + MAX_INPUT_CHARS);
        }
        if (skill != null && (Texts.invisible(skill) || skill.length() > MAX_SKILL_CHARS)) {
            problems.add("skill must be 1.." + MAX_SKILL_CHARS + " characters");
        }
        if (maxPrice != null && (maxPrice <= 0 || maxPrice > MAX_PRICE)) {
            problems.add("maxPrice must be a positive number of micro-units, at most " + MAX_PRICE);
        }
        if (redundancy != null && (redundancy < 1 || redundancy > MAX_REDUNDANCY)) {
            problems.add("redundancy must be between 1 and " + MAX_REDUNDANCY);
        }
        if (deadlineMs != null && (deadlineMs < MIN_DEADLINE_MS || deadlineMs > MAX_DEADLINE_MS)) {
            problems.add("deadlineMs must be between " + MIN_DEADLINE_MS + " and " + MAX_DEADLINE_MS);
        }
        if (excludeAgents.size() > MAX_EXCLUDED_AGENTS) {
            problems.add("excludeAgents names " + excludeAgents.size() + " agents; the limit is " + MAX_EXCLUDED_AGENTS);
        } else if (!excludeAgents.stream().allMatch(AgentId::looksValid)) {
            problems.add("excludeAgents must hold agent ids (agt_ and 32 hex digits)");
        } else if (new HashSet<>(excludeAgents).size() != excludeAgents.size()) {
            problems.add("excludeAgents names an agent twice");
        }
        return problems;
    }
}

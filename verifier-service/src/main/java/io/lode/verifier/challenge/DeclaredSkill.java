package io.lode.verifier.challenge;

import java.util.List;

import io.lode.events.agents.AgentSkill;

/** A skill as its agent card declares it: what a family is recognised from. */
public record DeclaredSkill(String id, String name, String description, List<String> tags) {

    public DeclaredSkill {
        name = name == null ? "" : name;
        description = description == null ? "" : description;
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    public static DeclaredSkill of(AgentSkill skill) {
        return new DeclaredSkill(skill.getId(), skill.getName(), skill.getDescription(), skill.getTags());
    }
}

package io.lode.verifier.llm;

import java.util.Optional;

import dev.langchain4j.model.openai.OpenAiChatModel;
import io.lode.verifier.VerifierConfig;

/** Builds the LLM judge from the settings, or none when no endpoint is configured. */
public final class LlmJudges {

    private LlmJudges() {
    }

    public static Optional<LlmJudge> fromConfig(VerifierConfig.Llm config) {
        return config.baseUrl().filter(url -> !url.isBlank()).map(url -> new LlmJudge(OpenAiChatModel.builder()
                .baseUrl(url).apiKey(config.apiKey().orElse("none")).modelName(config.model()).temperature(0.0)
                .maxTokens(120).timeout(config.timeout()).maxRetries(1).build(), config.model(), config.passScore(),
                new JudgeAudit(config.auditWindow(), config.auditWindow() / 2, config.minAgreement())));
    }
}

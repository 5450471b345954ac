package io.lode.trust;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;

/** The backends' Jackson mapper reads bodies as {@link io.lode.identity.StrictJson} says (400 problem+json). */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        io.lode.identity.StrictJson.configure(mapper);
    }
}

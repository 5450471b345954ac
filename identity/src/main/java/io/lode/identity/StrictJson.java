package io.lode.identity;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.core.JsonProcessingException;

/**
 * How Lode reads a JSON body a client sent: data after the document (trailing garbage, a second document) and a key
 * given twice are errors, not silently ignored or last-one-wins. Two parsers that read one body differently (a
 * signature checked over one reading, the request acted on by another) are how such leniency is exploited. The
 * services' Jackson mapper gets the same rules (the backends' {@code io.lode.trust.StrictJson}). Bytes are read as
 * UTF-8 strictly ({@link #utf8}): Jackson itself decodes overlong forms ({@code C0 AF} as "/") and code points past
 * U+10FFFF, which would let one text travel in two spellings.
 */
public final class StrictJson {

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    private StrictJson() {
    }

    public static ObjectMapper configure(ObjectMapper mapper) {
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        return mapper;
    }

    /** The module's one mapper: reads strictly, writes as any mapper does (signed requests canonicalize with it). */
    static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * {@code bytes} as text if they are well-formed UTF-8 (no overlong form, surrogate, code point past U+10FFFF or
     * stray byte); empty otherwise.
     */
    public static java.util.Optional<String> utf8(byte[] bytes) {
        try {
            return java.util.Optional.of(java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(bytes)).toString());
        } catch (java.nio.charset.CharacterCodingException e) {
            return java.util.Optional.empty();
        }
    }

    /** The one JSON document of {@code body}; throws if it is not exactly one well-formed document. */
    public static JsonNode read(String body) throws JsonProcessingException {
        return MAPPER.readTree(body);
    }
}

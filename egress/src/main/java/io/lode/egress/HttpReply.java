package io.lode.egress;

import java.nio.charset.StandardCharsets;

/** A bounded HTTP reply: status, content type and the whole body (never more than the caller's limit). */
public record HttpReply(int status, String contentType, byte[] body) {

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }
}

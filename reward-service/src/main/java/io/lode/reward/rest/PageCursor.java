package io.lode.reward.rest;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.lode.trust.Problems;

/** The cursors of the ledger's listings ({@link io.lode.trust.Page}): an opaque token of the last position served. */
public final class PageCursor {

    private PageCursor() {
    }

    static String encode(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The position {@code cursor} names; 400 bad-parameter when it is not a cursor this listing returned. */
    static String decode(String cursor) {
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (position.isEmpty()) {
                throw new IllegalArgumentException("empty");
            }
            return position;
        } catch (IllegalArgumentException e) {
            throw Problems.of(400, "bad-parameter", "Bad parameter", "cursor is not one this listing returned");
        }
    }

    static long decodeNumber(String cursor) {
        String position = decode(cursor);
        try {
            return Long.parseLong(position);
        } catch (NumberFormatException e) {
            throw Problems.of(400, "bad-parameter", "Bad parameter", "cursor is not one this listing returned");
        }
    }
}

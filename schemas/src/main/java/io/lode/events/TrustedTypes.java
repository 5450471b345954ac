package io.lode.events;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Tells Avro to trust our generated event types. Avro refuses to instantiate a class it was not told to trust —
 * decoding, and building a record whose default is a list of records (ResultVerdict.panel) — so both the codec and
 * the envelope factory every producer calls install this first.
 */
public final class TrustedTypes {

    private static volatile boolean installed;

    private TrustedTypes() {
    }

    public static synchronized void install() {
        if (!installed) {
            ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(ClassSecurityValidator.getGlobal(),
                    type -> type.getName().startsWith("io.lode.events.")));
            installed = true;
        }
    }
}

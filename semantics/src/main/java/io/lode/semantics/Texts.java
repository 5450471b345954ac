package io.lode.semantics;

import java.util.Set;

/**
 * What text shows. {@link String#isBlank()} knows only whitespace, so a zero-width space, a word joiner or a byte
 * order mark passes it: such text asks nothing and says nothing, and the embedding model refuses it.
 */
public final class Texts {

    /** Letters and symbols that render as nothing although Unicode does not class them as space or format. */
    private static final Set<Integer> BLANK_LOOKING = Set.of(0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800, 0x180E);

    private Texts() {
    }

    /** True if {@code text} is null or has no character that shows: only spaces, controls and format characters. */
    public static boolean invisible(String text) {
        return text == null || text.codePoints().noneMatch(Texts::shows);
    }

    private static boolean shows(int codePoint) {
        int type = Character.getType(codePoint);
        return !(Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint) || type == Character.FORMAT
                || type == Character.CONTROL || type == Character.UNASSIGNED || BLANK_LOOKING.contains(codePoint));
    }
}

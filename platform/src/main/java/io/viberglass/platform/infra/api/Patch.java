package io.viberglass.platform.infra.api;

/** Partial-update rules shared by the update requests: absent means "keep", blank text means "clear". */
public final class Patch {
    private Patch() {}

    public static <T> T keepOr(T update, T current) {
        return update == null ? current : update;
    }

    /** Absent keeps the current text; a blank string clears it to {@code null}. */
    public static String text(String update, String current) {
        if (update == null) {
            return current;
        }
        return update.isBlank() ? null : update;
    }
}

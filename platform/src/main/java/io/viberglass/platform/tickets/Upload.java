package io.viberglass.platform.tickets;

/** A file received with a new ticket, before it is checked and stored. */
public record Upload(MediaKind kind, String filename, String declaredType, byte[] content) {
    /** The form field it came in, which error messages name. */
    public String field() {
        return kind.wire();
    }
}

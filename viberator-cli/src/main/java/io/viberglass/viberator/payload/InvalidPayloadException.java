package io.viberglass.viberator.payload;

import java.util.List;

/** The payload cannot be run; the message names every offending field. */
public final class InvalidPayloadException extends Exception {
    private static final long serialVersionUID = 1L;

    private final List<String> fields;

    public InvalidPayloadException(String message, List<String> fields, Throwable cause) {
        super(message, cause);
        this.fields = List.copyOf(fields);
    }

    public List<String> fields() {
        return fields;
    }
}

package io.viberglass.platform.infra.http;

import java.io.IOException;

/** Thrown while reading a request body that grows past the limit (chunked bodies have no Content-Length). */
public class BodyTooLargeException extends IOException {
    public BodyTooLargeException(long limit) {
        super("Request body exceeds the limit of " + limit + " bytes");
    }
}

package io.viberglass.platform.infra.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.platform.infra.errors.ErrorBody;
import java.nio.ByteBuffer;
import org.eclipse.jetty.ee10.servlet.ErrorHandler;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Errors Jetty answers itself, before Jersey sees the request (an ambiguous or undecodable URI, a bad header, a
 * malformed request line), get the same JSON envelope as the API's own errors instead of Jetty's HTML page.
 */
public class JsonErrorHandler extends ErrorHandler {
    private static final HttpField JSON = new HttpField(HttpHeader.CONTENT_TYPE, "application/json");

    private final ObjectMapper mapper;

    public JsonErrorHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Jetty writes no body for methods other than GET, POST and HEAD; API clients of every method read one. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(
            Request request, Response response, int code, String message, Throwable cause, Callback callback) {
        response.getHeaders().put(JSON);
        response.write(true, ByteBuffer.wrap(envelope(code, message)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(JSON);
        return ByteBuffer.wrap(envelope(status, reason));
    }

    private byte[] envelope(int code, String message) {
        String label = HttpStatus.getMessage(code);
        // a server-side failure says nothing about its cause; the request's own faults are named
        String text = code >= 500 || message == null || message.isBlank() ? label : message;
        try {
            return mapper.writeValueAsBytes(ErrorBody.of(label, text, "HTTP_" + code));
        } catch (JsonProcessingException e) {
            return ("{\"error\":\"" + code + "\",\"message\":\"" + code + "\"}").getBytes();
        }
    }
}

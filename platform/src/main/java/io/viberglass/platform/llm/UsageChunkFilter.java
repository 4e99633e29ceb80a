package io.viberglass.platform.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Relays a Chat Completions event stream without the usage chunk the proxy asked for on the agent's behalf
 * ({@link StreamUsageOptIn}): the event whose data is {@code {"choices": [], "usage": {…}}}. Everything else goes
 * through byte for byte. Events are held only until their blank line ends them (an agent acts on an event at that
 * line, not before), however the network cut the bytes; an event longer than {@link #MAX_EVENT_BYTES} carries content,
 * not usage, and streams through unheld.
 */
final class UsageChunkFilter {
    static final int MAX_EVENT_BYTES = 64 * 1024;

    private final OutputStream out;
    private final ObjectMapper mapper;
    private final ByteArrayOutputStream event = new ByteArrayOutputStream();
    private int lineLength;
    private boolean passing;

    UsageChunkFilter(OutputStream out, ObjectMapper mapper) {
        this.out = out;
        this.mapper = mapper;
    }

    void write(byte[] bytes, int offset, int length) throws IOException {
        int passFrom = offset;
        for (int i = offset; i < offset + length; i++) {
            byte b = bytes[i];
            if (!passing) {
                event.write(b);
            }
            boolean endOfEvent = b == '\n' && lineLength == 0;
            lineLength = b == '\n' ? 0 : (b == '\r' ? lineLength : lineLength + 1);
            if (passing) {
                if (endOfEvent) {
                    out.write(bytes, passFrom, i + 1 - passFrom);
                    passing = false;
                }
            } else if (endOfEvent) {
                dispatch();
            } else if (event.size() > MAX_EVENT_BYTES) {
                event.writeTo(out);
                event.reset();
                passing = true;
                passFrom = i + 1;
            }
        }
        if (passing && passFrom < offset + length) {
            out.write(bytes, passFrom, offset + length - passFrom);
        }
    }

    /** The stream ended: what is held (an event cut short) goes out unless it is the usage chunk. */
    void finish() throws IOException {
        if (event.size() > 0) {
            dispatch();
        }
    }

    private void dispatch() throws IOException {
        if (!isUsageChunk(event.toString(StandardCharsets.UTF_8))) {
            event.writeTo(out);
        }
        event.reset();
    }

    private boolean isUsageChunk(String text) {
        StringBuilder data = new StringBuilder();
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("data:")) {
                String value = line.substring(5);
                data.append(data.length() == 0 ? "" : "\n").append(value.startsWith(" ") ? value.substring(1) : value);
            }
        }
        if (data.indexOf("\"usage\"") < 0) {
            return false;
        }
        try {
            JsonNode chunk = mapper.readTree(data.toString());
            return chunk != null
                    && chunk.path("usage").isObject()
                    && chunk.path("choices").isArray()
                    && chunk.path("choices").isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}

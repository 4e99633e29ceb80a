package io.viberglass.viberator.client;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Reads a {@code text/event-stream} body event by event (the WHATWG format: id, event, data lines; comments). */
final class ServerSentEvents {
    /** One dispatched event; {@code event} is "message" when the server named none. */
    record Event(String id, String event, String data) {}

    /** Receives events until it answers false (stop reading). */
    @FunctionalInterface
    interface Listener {
        boolean onEvent(Event event);
    }

    private ServerSentEvents() {}

    /** Returns true when the listener stopped the stream, false when the stream simply ended. */
    static boolean read(InputStream body, Listener listener) throws IOException {
        BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8));
        String id = null;
        String event = null;
        StringBuilder data = null;
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
            if (line.isEmpty()) {
                if (data != null
                        && !listener.onEvent(new Event(id, event == null ? "message" : event, data.toString()))) {
                    return true;
                }
                event = null;
                data = null;
                continue;
            }
            if (line.startsWith(":")) {
                continue;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> event = value;
                case "data" ->
                    data = data == null
                            ? new StringBuilder(value)
                            : data.append('\n').append(value);
                default -> {
                    // retry and unknown fields do not matter here
                }
            }
        }
        return false;
    }
}

package io.viberglass.viberator.cli.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.common.json.Json;
import java.io.PrintWriter;

/**
 * Where a command's result goes: JSON on standard output with {@code --json} (every field present, null when
 * unknown, so the schema is stable), text otherwise; messages always on standard error.
 */
public final class Output {
    private static final ObjectMapper JSON = Json.newMapper().setSerializationInclusion(JsonInclude.Include.ALWAYS);

    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;

    public Output(PrintWriter out, PrintWriter err, boolean json) {
        this.out = out;
        this.err = err;
        this.json = json;
    }

    public boolean json() {
        return json;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    /** The JSON document of a result (only with {@code --json}). */
    public void json(Object value) {
        out.println(asJson(value));
        out.flush();
    }

    /** A line of the human-readable result (only without {@code --json}). */
    public void text(String line) {
        out.println(line);
        out.flush();
    }

    /** A message for the person or the CI log, never part of the result. */
    public void note(String message) {
        err.println(message);
        err.flush();
    }

    /** One line of JSON, for JSON Lines output. */
    public static String asCompactJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the result as JSON", e);
        }
    }

    public static String asJson(Object value) {
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write the result as JSON", e);
        }
    }
}

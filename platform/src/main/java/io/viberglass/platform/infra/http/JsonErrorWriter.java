package io.viberglass.platform.infra.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.viberglass.platform.infra.errors.ErrorBody;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Writes the error envelope from servlet filters, which run before Jersey's exception mappers can. */
public final class JsonErrorWriter {
    private final ObjectMapper mapper;

    public JsonErrorWriter(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    public void write(HttpServletResponse response, int status, ErrorBody body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        mapper.writeValue(response.getOutputStream(), body);
    }
}

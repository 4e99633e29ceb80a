package io.viberglass.platform.infra.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

public class DomainExceptionMapper implements ExceptionMapper<DomainException> {
    @Override
    public Response toResponse(DomainException exception) {
        Response response =
                ErrorResponses.of(exception.kind(), exception.getMessage(), exception.code(), exception.details());
        exception.headers().forEach((name, value) -> response.getHeaders().putSingle(name, value));
        return response;
    }
}

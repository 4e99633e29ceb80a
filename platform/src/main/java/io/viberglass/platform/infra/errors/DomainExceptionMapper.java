package io.viberglass.platform.infra.errors;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;

public class DomainExceptionMapper implements ExceptionMapper<DomainException> {
    @Override
    public Response toResponse(DomainException exception) {
        return ErrorResponses.of(exception.kind(), exception.getMessage(), exception.code(), exception.details());
    }
}

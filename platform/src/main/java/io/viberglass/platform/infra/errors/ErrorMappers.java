package io.viberglass.platform.infra.errors;

import io.dropwizard.jersey.setup.JerseyEnvironment;

/** Registers the one set of exception mappers (Dropwizard's defaults are switched off in the configuration). */
public final class ErrorMappers {
    private ErrorMappers() {}

    public static void register(JerseyEnvironment jersey) {
        UnexpectedErrorMapper unexpected = new UnexpectedErrorMapper();
        jersey.register(unexpected);
        jersey.register(new DomainExceptionMapper());
        jersey.register(new ViolationExceptionMapper());
        jersey.register(new JsonExceptionMapper());
        jersey.register(new WebApplicationExceptionMapper());
        jersey.register(new DatabaseExceptionMapper(unexpected));
    }
}

package io.viberglass.platform.prompts;

import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.viberglass.platform.access.ProjectAccess;
import java.time.Clock;
import org.jdbi.v3.core.Jdbi;

/** Wires the prompt templates feature. */
public final class Prompts {
    private Prompts() {}

    public static PromptTemplateService register(
            JerseyEnvironment jersey, Jdbi jdbi, Clock clock, ProjectAccess access) {
        PromptTemplateService service = new PromptTemplateService(jdbi, clock, new PromptRenderer());
        jersey.register(new PromptTemplatesResource(service));
        jersey.register(new ProjectPromptTemplatesResource(service, access));
        return service;
    }
}

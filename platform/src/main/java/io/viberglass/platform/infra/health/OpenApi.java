package io.viberglass.platform.infra.health;

import io.dropwizard.jersey.setup.JerseyEnvironment;
import io.swagger.v3.jaxrs2.integration.resources.OpenApiResource;
import io.swagger.v3.oas.integration.SwaggerConfiguration;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import java.util.Set;

/** Serves the OpenAPI 3 description generated from the resources at {@code /api/openapi.json} (and {@code .yaml}). */
public final class OpenApi {
    private OpenApi() {}

    public static void register(JerseyEnvironment jersey, String version) {
        WireEnumModelConverter.install();
        OpenAPI api = new OpenAPI()
                .info(new Info()
                        .title("Viberglass API")
                        .version(version)
                        .description("Tickets in, pull requests out: projects, tickets, phases, jobs, clankers, "
                                + "claws, secrets, integrations and webhooks.")
                        .license(new License().name("Apache-2.0")))
                .servers(List.of(new Server().url("/api")));
        SwaggerConfiguration configuration = new SwaggerConfiguration()
                .openAPI(api)
                .prettyPrint(true)
                .sortOutput(true)
                .resourcePackages(Set.of("io.viberglass.platform"));
        jersey.register(new OpenApiResource().openApiConfiguration(configuration));
    }
}

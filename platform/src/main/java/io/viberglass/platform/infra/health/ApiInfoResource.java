package io.viberglass.platform.infra.health;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.viberglass.platform.auth.PublicEndpoint;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

@Path("/")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "meta")
@PublicEndpoint(reason = "names the API and where its health and description are")
public class ApiInfoResource {
    private final String version;

    public ApiInfoResource(String version) {
        this.version = version;
    }

    public record ApiInfo(String name, String version, String health, String openapi) {}

    @GET
    @Operation(summary = "Describe the API")
    public ApiInfo info() {
        return new ApiInfo("Viberglass API", version, "/health", "/api/openapi.json");
    }
}

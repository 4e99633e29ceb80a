package io.viberglass.platform.clankers;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/worker-images")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "clankers")
@PermitAll
public class WorkerImagesResource {
    private final WorkerImageCatalog catalog;

    public WorkerImagesResource(WorkerImageCatalog catalog) {
        this.catalog = catalog;
    }

    @GET
    @Operation(summary = "The default worker image of each agent (a runner's deploymentConfig.image overrides it)")
    public List<WorkerImage> list() {
        return catalog.all();
    }
}
